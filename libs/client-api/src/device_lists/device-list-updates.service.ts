import { Inject, Injectable, Optional } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { DEVICE_LIST_OUTBOUND, DeviceListInbound, DeviceListOutbound } from '@switchboard/rooms';
import { DeviceListChangesRepository, Transactions, Tx } from '@switchboard/storage';

/** The stream key of device-list changes in sync tokens and on the notifier. */
export const DEVICE_LISTS_STREAM = 'device_lists';

/**
 * Records that users' device lists changed (a device added, renamed or deleted, device keys or
 * cross-signing keys uploaded) for /sync's `device_lists.changed` and /keys/changes, and tells the
 * servers that share a room with a local user (when federation runs).
 */
@Injectable()
export class DeviceListUpdates implements DeviceListInbound {
  constructor(
    private readonly transactions: Transactions,
    private readonly changes: DeviceListChangesRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(DEVICE_LIST_OUTBOUND) private readonly outbound?: DeviceListOutbound,
  ) {}

  /** After a local user's devices changed (committed): records it, wakes /sync, tells other servers. */
  async changed(userId: string, deviceIds: readonly string[] | null = null): Promise<void> {
    await this.publish(await this.transactions.run((tx) => this.record(tx, [userId])));
    await this.federate(userId, deviceIds);
  }

  /** Another server told of its users' changes. */
  async remoteChanged(userIds: readonly string[]): Promise<void> {
    await this.publish(await this.transactions.run((tx) => this.record(tx, userIds)));
  }

  /** In the transaction of the change; `publish` the position once it is committed. */
  record(tx: Tx, userIds: readonly string[]): Promise<number> {
    return this.changes.markChanged(tx, userIds);
  }

  /** As `record`, for a change only `viewer` hears of (user-signing keys and their signatures). */
  recordFor(tx: Tx, viewer: string, userIds: readonly string[]): Promise<number> {
    return this.changes.markChangedFor(tx, viewer, userIds);
  }

  publish(position: number): Promise<void> {
    return this.notifier.publish(DEVICE_LISTS_STREAM, position);
  }

  /** Tells other servers of a local user's device change; their failure never fails the request. */
  async federate(userId: string, deviceIds: readonly string[] | null): Promise<void> {
    await this.outbound
      ?.devicesChanged(userId, deviceIds)
      .catch((err: unknown) =>
        this.logger.warn({ err, user_id: userId }, 'queueing a device list update failed'),
      );
  }

  /** Tells other servers of a local user's new cross-signing keys. */
  async federateCrossSigning(userId: string): Promise<void> {
    await this.outbound
      ?.crossSigningChanged(userId)
      .catch((err: unknown) =>
        this.logger.warn({ err, user_id: userId }, 'queueing a signing key update failed'),
      );
  }
}
