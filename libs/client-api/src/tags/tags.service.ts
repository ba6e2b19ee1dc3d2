import { Injectable } from '@nestjs/common';
import { isValidRoomId, JsonObject, MatrixError, MAX_TAG_BYTES, RoomTag } from '@switchboard/protocol';
import { isJsonObject } from '../accounts/request-body';
import { AccountDataService } from '../account_data/account-data.service';
import { Requester } from '../auth/requester';
import { requireSelf } from '../auth/user-access';

const TAG_TYPE = 'm.tag';

/**
 * Room tags (modules/tags.md), kept as the room's m.tag account data `{tags: {name: {order}}}`, so
 * the account data stream carries them to /sync.
 */
@Injectable()
export class TagsService {
  constructor(private readonly accountData: AccountDataService) {}

  async list(requester: Requester, userId: string, roomId: string): Promise<Record<string, RoomTag>> {
    this.check(requester, userId, roomId);
    return this.tagsOf(await this.accountData.read(userId, roomId, TAG_TYPE));
  }

  async set(
    requester: Requester,
    userId: string,
    roomId: string,
    tag: string,
    content: JsonObject,
  ): Promise<void> {
    this.check(requester, userId, roomId);
    if (Buffer.byteLength(tag, 'utf8') > MAX_TAG_BYTES) {
      throw new MatrixError('M_INVALID_PARAM', 400, `Tag names may not exceed ${MAX_TAG_BYTES} bytes`);
    }
    if (content.order !== undefined && typeof content.order !== 'number') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'Parameter order must be a number');
    }
    await this.add(userId, roomId, tag, content);
  }

  /** Tags a room on the server's behalf, as the server notices room's m.server_notice. */
  async add(userId: string, roomId: string, tag: string, content: JsonObject): Promise<void> {
    const tags = this.tagsOf(await this.accountData.read(userId, roomId, TAG_TYPE));
    await this.accountData.put(userId, roomId, TAG_TYPE, { tags: { ...tags, [tag]: content } as JsonObject });
  }

  /** Removing a tag the room does not have succeeds and changes nothing. */
  async remove(requester: Requester, userId: string, roomId: string, tag: string): Promise<void> {
    this.check(requester, userId, roomId);
    const tags = this.tagsOf(await this.accountData.read(userId, roomId, TAG_TYPE));
    if (!Object.hasOwn(tags, tag)) return;
    delete tags[tag];
    await this.accountData.put(userId, roomId, TAG_TYPE, { tags: tags as JsonObject });
  }

  private check(requester: Requester, userId: string, roomId: string): void {
    requireSelf(requester, userId, 'access tags');
    if (!isValidRoomId(roomId))
      throw new MatrixError('M_INVALID_PARAM', 400, `${roomId} is not a valid room ID.`);
  }

  private tagsOf(content: JsonObject | null): Record<string, RoomTag> {
    const tags = content?.tags;
    return isJsonObject(tags) ? { ...(tags as Record<string, RoomTag>) } : {};
  }
}
