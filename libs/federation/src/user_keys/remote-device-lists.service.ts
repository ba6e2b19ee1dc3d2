import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { JsonObject, UserDevicesResponse } from '@switchboard/protocol';
import { DEVICE_LIST_INBOUND, DeviceListInbound } from '@switchboard/rooms';
import { RemoteDeviceList, RemoteDeviceListsRepository, Transactions } from '@switchboard/storage';
import { FederationClient } from '../transport/federation-client';

/** What a received EDU did: 'changed' told local users sharing a room to fetch the user's keys again. */
export type UpdateOutcome = 'changed' | 'ignored';

/**
 * Other servers' users' device lists, cached while a local user shares a room with them
 * (server-server-api "Device Management"; Synapse's DeviceListUpdater): the first need of a list
 * fills it from GET /user/devices, then `m.device_list_update` EDUs are applied in order. "If a
 * server receives an EDU which refers to a prev_id it does not recognise, it must resynchronise
 * its list". Everything about one user runs one at a time, in the order it came.
 */
@Injectable()
export class RemoteDeviceLists implements BeforeApplicationShutdown {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly lists: RemoteDeviceListsRepository,
    private readonly client: FederationClient,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly moduleRef: ModuleRef,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }

  /**
   * The users' lists for keys/query: cached ones as they are, the others asked of `server` (and
   * cached when a local user shares a room with them). A server that does not answer throws.
   */
  async listsOf(server: string, userIds: readonly string[], timeoutMs: number): Promise<RemoteDeviceList[]> {
    const cached = await this.lists.trusted(this.transactions.reader, userIds, this.config.server_name);
    return Promise.all(
      userIds.map(
        (userId) =>
          cached.get(userId) ??
          this.serially(userId, async () => {
            const now = await this.lists.trusted(this.transactions.reader, [userId], this.config.server_name);
            return now.get(userId) ?? this.resync(server, userId, timeoutMs);
          }),
      ),
    );
  }

  /** An `m.device_list_update` from `origin` (already known to be the user's server). */
  deviceListUpdate(origin: string, content: Record<string, unknown>): Promise<UpdateOutcome> {
    const update = parseDeviceListUpdate(content);
    if (!update) return Promise.resolve('ignored');
    return this.serially(update.userId, async () => {
      const q = this.transactions.reader;
      if (!(await this.lists.sharesARoom(q, update.userId, this.config.server_name))) return 'ignored';
      const list = (await this.lists.trusted(q, [update.userId], this.config.server_name)).get(update.userId);
      if (list && update.streamId < list.streamId) return 'ignored';
      // A change of several devices may come as one EDU per device under one stream_id (ours does).
      if (list && (update.streamId === list.streamId || follows(update.prevIds, list.streamId))) {
        await this.transactions.run((tx) =>
          this.lists.applyUpdate(
            tx,
            update.userId,
            update.streamId,
            update.deviceId,
            update.deleted ? null : { keys: update.keys, displayName: update.displayName },
          ),
        );
        return this.told(update.userId);
      }
      try {
        await this.resync(origin, update.userId);
        return 'changed';
      } catch (err) {
        // Asked again at the next keys/query rather than served stale.
        this.logger.warn(
          { err, destination: origin, user_id: update.userId },
          'resyncing a device list failed',
        );
        await this.lists.forget(this.transactions.reader, update.userId);
        return this.told(update.userId);
      }
    });
  }

  /** An `m.signing_key_update`: the user's new master and self-signing keys. */
  signingKeyUpdate(content: Record<string, unknown>): Promise<UpdateOutcome> {
    const userId = content.user_id;
    if (typeof userId !== 'string') return Promise.resolve('ignored');
    return this.serially(userId, async () => {
      if (!(await this.lists.sharesARoom(this.transactions.reader, userId, this.config.server_name)))
        return 'ignored';
      await this.lists.setCrossSigningKeys(this.transactions.reader, userId, {
        masterKey: objectOrUndefined(content.master_key),
        selfSigningKey: objectOrUndefined(content.self_signing_key),
      });
      return this.told(userId);
    });
  }

  /**
   * GET /user/devices: the whole list; cached when a local user shares a room with its user, who
   * then hears of it as Synapse tells them after a resync (SyTest "Device list doesn't change if
   * remote server is down" waits for it after the first keys/query).
   */
  private async resync(server: string, userId: string, timeoutMs?: number): Promise<RemoteDeviceList> {
    const q = this.transactions.reader;
    const cachedAt = await this.lists.position(q);
    const answer = await this.client.request<UserDevicesResponse>(server, {
      method: 'GET',
      path: `/_matrix/federation/v1/user/devices/${encodeURIComponent(userId)}`,
      timeoutMs,
    });
    const list = parseUserDevices(userId, answer);
    // Without a stream_id no later EDU can be placed after it.
    const cacheable = Number.isSafeInteger(answer?.stream_id);
    if (cacheable && (await this.lists.sharesARoom(q, userId, this.config.server_name))) {
      await this.transactions.run((tx) => this.lists.replace(tx, list, cachedAt));
      await this.told(userId);
    }
    return list;
  }

  /** Local /sync's `device_lists.changed`, and /keys/changes, name the user. */
  private async told(userId: string): Promise<UpdateOutcome> {
    // Looked up when needed: the keeper (client-api) itself tells federation of local changes.
    await this.moduleRef
      .get<DeviceListInbound>(DEVICE_LIST_INBOUND, { strict: false })
      .remoteChanged([userId]);
    return 'changed';
  }

  private serially<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(userId, next);
    const forget = () => {
      if (this.queues.get(userId) === next) this.queues.delete(userId);
    };
    next.then(forget, forget);
    return next;
  }
}

interface DeviceListUpdate {
  userId: string;
  deviceId: string;
  streamId: number;
  prevIds: number[];
  deleted: boolean;
  keys: JsonObject | null;
  displayName: string | null;
}

/** "May be missing or empty for the first EDU in a sequence": then nothing says what came before. */
function follows(prevIds: readonly number[], streamId: number): boolean {
  return prevIds.length > 0 && prevIds.every((id) => id === streamId);
}

function parseDeviceListUpdate(content: Record<string, unknown>): DeviceListUpdate | null {
  const { user_id, device_id, stream_id, prev_id, deleted, keys, device_display_name } = content;
  if (typeof user_id !== 'string' || typeof device_id !== 'string' || !Number.isSafeInteger(stream_id))
    return null;
  const prevIds = Array.isArray(prev_id) ? prev_id : [];
  if (!prevIds.every((id) => Number.isSafeInteger(id))) return null;
  return {
    userId: user_id,
    deviceId: device_id,
    streamId: stream_id as number,
    prevIds: prevIds as number[],
    deleted: deleted === true,
    keys: objectOrUndefined(keys) ?? null,
    displayName: typeof device_display_name === 'string' ? device_display_name : null,
  };
}

/** A GET /user/devices answer as a cache entry. */
function parseUserDevices(userId: string, answer: UserDevicesResponse): RemoteDeviceList {
  const devices = (Array.isArray(answer?.devices) ? answer.devices : [])
    .filter((d) => typeof d?.device_id === 'string')
    .map((d) => ({
      deviceId: d.device_id,
      keys: objectOrUndefined(d.keys) ?? null,
      displayName: typeof d.device_display_name === 'string' ? d.device_display_name : null,
    }));
  return {
    userId,
    streamId: Number.isSafeInteger(answer?.stream_id) ? answer.stream_id : 0,
    masterKey: objectOrUndefined(answer?.master_key) ?? null,
    selfSigningKey: objectOrUndefined(answer?.self_signing_key) ?? null,
    devices: [...new Map(devices.map((d) => [d.deviceId, d])).values()],
  };
}

function objectOrUndefined(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}
