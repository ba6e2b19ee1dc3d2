import { Injectable } from '@nestjs/common';
import { Pusher } from '@switchboard/protocol';
import { PushersRepository, Transactions } from '@switchboard/storage';
import { JsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { parsePusherRequest } from './pusher-request';

/** Pushers (client-server-api "Push Notifications"); delivery to the gateways is not done here. */
@Injectable()
export class PushersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly pushers: PushersRepository,
  ) {}

  async list(userId: string): Promise<Pusher[]> {
    const rows = await this.pushers.forUser(this.transactions.reader, userId);
    return rows.map((p) => ({
      pushkey: p.pushkey,
      kind: p.kind,
      app_id: p.appId,
      app_display_name: p.appDisplayName,
      device_display_name: p.deviceDisplayName,
      ...(p.profileTag !== null ? { profile_tag: p.profileTag } : {}),
      lang: p.lang,
      data: p.data,
    }));
  }

  /**
   * "If `kind` is `null`, the pusher with this `app_id` and `pushkey` for this user is deleted";
   * otherwise it is created or updated, remembering the device whose token set it. Without
   * `append`, "the homeserver must remove any other pushers with the same App ID and pushkey for
   * different users".
   */
  async set(requester: Requester, body: JsonObject): Promise<void> {
    const request = parsePusherRequest(body);
    await this.transactions.run(async (tx) => {
      if (request.kind === null) {
        await this.pushers.delete(tx, requester.userId, request.appId, request.pushkey);
        return;
      }
      if (!request.append)
        await this.pushers.deleteOthers(tx, requester.userId, request.appId, request.pushkey);
      await this.pushers.upsert(tx, {
        userId: requester.userId,
        appId: request.appId,
        pushkey: request.pushkey,
        kind: request.kind,
        appDisplayName: request.appDisplayName,
        deviceDisplayName: request.deviceDisplayName,
        profileTag: request.profileTag,
        lang: request.lang,
        data: request.data,
        deviceId: requester.deviceId,
        createdTs: Date.now(),
      });
    });
  }
}
