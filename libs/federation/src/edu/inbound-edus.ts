import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { Edu, tryServerNameOf } from '@switchboard/protocol';
import { EduExchange, RoomStateQuery } from '@switchboard/rooms';
import { isObject } from '../inbound/parse-transaction';
import { aclAllows } from '../inbound/room-acl';
import { DirectToDeviceEdus } from './direct-to-device-edus';
import { DeviceListEdus } from '../user_keys/device-list-edus.service';

/**
 * EDUs of a received transaction (server-server-api "Typing Notifications", "Receipts",
 * "Presence"): a server speaks only for its own users, and typing and receipts only for users
 * joined to the room; anything else is dropped. What passes goes to whoever keeps ephemeral data.
 */
@Injectable()
export class InboundEdus {
  constructor(
    private readonly exchange: EduExchange,
    private readonly state: RoomStateQuery,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly toDevice: DirectToDeviceEdus,
    private readonly deviceLists: DeviceListEdus,
  ) {}

  async receive(origin: string, edu: Edu): Promise<void> {
    try {
      switch (edu.edu_type) {
        case 'm.typing':
          return await this.typing(origin, edu.content);
        case 'm.receipt':
          return await this.receipts(origin, edu.content);
        case 'm.presence':
          return await this.presence(origin, edu.content);
        case 'm.direct_to_device':
          return await this.toDevice.receive(origin, edu.content);
        case 'm.device_list_update':
        case 'm.signing_key_update':
          // Not waited for, as in Synapse: a resync asks the origin, which may be waiting for our answer.
          void this.deviceLists.receive(origin, edu.edu_type, edu.content);
          return;
      }
    } catch (err) {
      this.logger.warn({ err, origin, edu_type: edu.edu_type }, 'processing an EDU failed');
    }
  }

  private async typing(origin: string, content: Record<string, unknown>): Promise<void> {
    const { room_id: roomId, user_id: userId, typing, timeout } = content;
    if (typeof roomId !== 'string' || typeof userId !== 'string' || typeof typing !== 'boolean') return;
    if (!(await this.joinedFrom(origin, roomId, userId))) return;
    await this.exchange.remote.typing(
      roomId,
      userId,
      typing,
      typeof timeout === 'number' ? timeout : undefined,
    );
  }

  private async receipts(origin: string, content: Record<string, unknown>): Promise<void> {
    for (const [roomId, byType] of Object.entries(content)) {
      if (!isObject(byType)) continue;
      for (const [receiptType, byUser] of Object.entries(byType)) {
        if (!isObject(byUser)) continue;
        for (const [userId, receipt] of Object.entries(byUser)) {
          if (!isObject(receipt) || !Array.isArray(receipt.event_ids)) continue;
          if (!(await this.joinedFrom(origin, roomId, userId))) continue;
          const data = isObject(receipt.data) ? receipt.data : {};
          await this.exchange.remote.receipt({
            roomId,
            receiptType,
            userId,
            eventIds: receipt.event_ids.filter((id): id is string => typeof id === 'string'),
            ...(typeof data.thread_id === 'string' ? { threadId: data.thread_id } : {}),
            ts: typeof data.ts === 'number' ? data.ts : Date.now(),
          });
        }
      }
    }
  }

  private async presence(origin: string, content: Record<string, unknown>): Promise<void> {
    if (!Array.isArray(content.push)) return;
    for (const update of content.push) {
      if (!isObject(update) || typeof update.user_id !== 'string' || typeof update.presence !== 'string')
        continue;
      if (tryServerNameOf(update.user_id) !== origin) continue;
      await this.exchange.remote.presence({
        userId: update.user_id,
        presence: update.presence,
        statusMsg: typeof update.status_msg === 'string' ? update.status_msg : null,
        ...(typeof update.last_active_ago === 'number' ? { lastActiveAgo: update.last_active_ago } : {}),
        ...(typeof update.currently_active === 'boolean' ? { currentlyActive: update.currently_active } : {}),
      });
    }
  }

  /** The user is the origin's, joined to the room, and the room's ACL lets the origin in. */
  private async joinedFrom(origin: string, roomId: string, userId: string): Promise<boolean> {
    if (tryServerNameOf(userId) !== origin) return false;
    if ((await this.state.membership(roomId, userId))?.membership !== 'join') return false;
    return aclAllows(await this.state.current(roomId), origin);
  }
}
