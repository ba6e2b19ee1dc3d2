import { Injectable } from '@nestjs/common';
import { JsonObject, JsonValue } from '@switchboard/protocol';
import { AccountDataService } from '../account_data/account-data.service';

const TAG_TYPE = 'm.tag';
const DIRECT_TYPE = 'm.direct';

/**
 * modules/room_upgrades: "When a user joins the new room, the server should automatically
 * transfer/replicate some of the user's personalized settings such as notifications, tags, etc."
 * Here: the room's tags and its place in m.direct, copied from the predecessor room.
 */
@Injectable()
export class UpgradedRoomUserState {
  constructor(private readonly accountData: AccountDataService) {}

  /** After `userId` joined `roomId` (whose m.room.create content is given): copies from its predecessor, if any. */
  async afterJoin(userId: string, roomId: string, createContent: JsonObject | undefined): Promise<void> {
    const predecessor = createContent?.predecessor as JsonObject | undefined;
    if (typeof predecessor?.room_id !== 'string') return;
    await this.copy(userId, predecessor.room_id, roomId);
  }

  async copy(userId: string, oldRoomId: string, newRoomId: string): Promise<void> {
    const tags = await this.accountData.read(userId, oldRoomId, TAG_TYPE);
    if (tags && (await this.accountData.read(userId, newRoomId, TAG_TYPE)) === null) {
      await this.accountData.put(userId, newRoomId, TAG_TYPE, tags);
    }
    const direct = await this.accountData.read(userId, null, DIRECT_TYPE);
    if (!direct) return;
    let changed = false;
    const updated: JsonObject = {};
    for (const [partner, rooms] of Object.entries(direct)) {
      const list: JsonValue[] = Array.isArray(rooms) ? rooms : [];
      if (list.includes(oldRoomId) && !list.includes(newRoomId)) {
        updated[partner] = [...list, newRoomId];
        changed = true;
      } else {
        updated[partner] = rooms;
      }
    }
    if (changed) await this.accountData.put(userId, null, DIRECT_TYPE, updated);
  }
}
