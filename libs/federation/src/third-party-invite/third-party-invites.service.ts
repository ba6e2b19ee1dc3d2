import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, MatrixError, stateEvent, stateKey, tryServerNameOf } from '@switchboard/protocol';
import { REMOTE_ROOMS, RemoteRooms, RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { serverIsJoined } from '../inbound/server-is-joined';
import { FederationClient } from '../transport/federation-client';
import { InviteKeyValidity } from './key-validity';

/** One invite the bound 3PID had, as onbind and exchange_third_party_invite carry it. */
export interface BoundInvite {
  roomId: string;
  /** The user who sent the m.room.third_party_invite. */
  sender: string;
  /** The user now bound to the 3PID: the invite's target. */
  mxid: string;
  /** `{mxid, token, signatures}`, signed by the identity server. */
  signed: JsonObject;
}

/**
 * server-server-api "Third-party invites": once a 3PID is bound, each of its pending invites
 * becomes an m.room.member invite whose content.third_party_invite carries the identity server's
 * signed block. A server in the room issues it (the auth rules check the signature against the
 * m.room.third_party_invite's public keys); one that is not asks the room's server to, with
 * exchange_third_party_invite.
 */
@Injectable()
export class ThirdPartyInvites {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(REMOTE_ROOMS) private readonly remote: RemoteRooms,
    private readonly state: RoomStateQuery,
    private readonly send: SendPerform,
    private readonly client: FederationClient,
    private readonly keyValidity: InviteKeyValidity,
  ) {}

  /**
   * "the homeserver [...] will create a m.room.member invite event containing a special
   * third_party_invite content property", for each invite in turn. The first refused invite is the
   * identity server's answer, as Synapse gives it.
   */
  async onBind(invites: readonly BoundInvite[]): Promise<void> {
    for (const invite of invites) {
      if (tryServerNameOf(invite.mxid) !== this.config.server_name) {
        throw new MatrixError('M_INVALID_PARAM', 400, `${invite.mxid} is not a user of this server`);
      }
      if (await this.inRoom(invite.roomId)) await this.issue(invite);
      else await this.exchange(invite);
    }
  }

  /** PUT /exchange_third_party_invite/{roomId} from another server: we must be in the room. */
  async onExchange(invite: BoundInvite): Promise<void> {
    if (!(await this.inRoom(invite.roomId))) {
      throw new MatrixError('M_FORBIDDEN', 403, `This server is not in ${invite.roomId}`);
    }
    await this.issue(invite);
  }

  /**
   * Sends the invite into the room, with the display name of the m.room.third_party_invite it
   * redeems, once the identity server still vouches for the key that signed it (the auth rules
   * check the signature against that event's keys again).
   */
  private async issue(invite: BoundInvite): Promise<void> {
    const token = invite.signed.token;
    if (typeof token !== 'string') throw new MatrixError('M_INVALID_PARAM', 400, 'signed.token is required');
    const current = await this.state.current(invite.roomId);
    const thirdPartyInvite = current.get(stateKey('m.room.third_party_invite', token));
    if (thirdPartyInvite === undefined) {
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        `No third-party invite with token ${token} in ${invite.roomId}`,
      );
    }
    await this.keyValidity.check(invite.signed, thirdPartyInvite.pdu.content);
    const displayName = thirdPartyInvite.pdu.content.display_name;
    const content: JsonObject = {
      third_party_invite: {
        display_name: typeof displayName === 'string' ? displayName : '',
        signed: invite.signed,
      },
    };
    if (tryServerNameOf(invite.mxid) === this.config.server_name) {
      await this.send.send(
        invite.roomId,
        invite.sender,
        stateEvent('m.room.member', invite.mxid, { ...content, membership: 'invite' }),
      );
    } else {
      await this.remote.invite(invite.roomId, invite.sender, invite.mxid, content);
    }
  }

  /**
   * "the homeserver [...] will then issue a PUT to /exchange_third_party_invite on the homeserver
   * of the room", here the servers of the room ID and of the inviter, in turn.
   */
  private async exchange(invite: BoundInvite): Promise<void> {
    const servers = [tryServerNameOf(invite.roomId), tryServerNameOf(invite.sender)].filter(
      (s): s is string => s !== undefined && s !== this.config.server_name,
    );
    let lastError: unknown = new MatrixError('M_NOT_FOUND', 404, `No server to reach ${invite.roomId}`);
    for (const server of [...new Set(servers)]) {
      try {
        await this.client.request(server, {
          method: 'PUT',
          path: `/_matrix/federation/v1/exchange_third_party_invite/${encodeURIComponent(invite.roomId)}`,
          body: {
            type: 'm.room.member',
            room_id: invite.roomId,
            sender: invite.sender,
            state_key: invite.mxid,
            content: {
              membership: 'invite',
              third_party_invite: { display_name: '', signed: invite.signed },
            },
          },
        });
        return;
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError instanceof MatrixError
      ? lastError
      : new MatrixError('M_UNKNOWN', 502, `No server could be reached for ${invite.roomId}`);
  }

  private async inRoom(roomId: string): Promise<boolean> {
    if (!(await this.state.exists(roomId))) return false;
    return serverIsJoined(await this.state.current(roomId), this.config.server_name);
  }
}
