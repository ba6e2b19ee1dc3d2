import { Injectable } from '@nestjs/common';
import { MatrixError, stateEvent } from '@switchboard/protocol';
import { SendPerform } from '@switchboard/rooms';
import { JsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { MembershipService } from '../membership/membership.service';
import { IdentityServerClient } from '../threepid/identity-server-client';

/** The identity-server half of an invite: `{id_server, id_access_token, medium, address}`. */
export interface ThirdPartyInvitee {
  idServer: string;
  idAccessToken: string;
  medium: string;
  address: string;
}

/** The 3PID an invite names instead of a user_id (client-server-api "POST /rooms/{roomId}/invite", third-party form). */
export function thirdPartyInviteeOf(body: JsonObject): ThirdPartyInvitee {
  return {
    idServer: stringField(body, 'id_server', { required: true }),
    idAccessToken: stringField(body, 'id_access_token', { required: true }),
    medium: stringField(body, 'medium', { required: true }),
    address: stringField(body, 'address', { required: true }),
  };
}

/**
 * client-server-api "Third-party invites": "the homeserver looks up the 3PID on the identity
 * server; if a Matrix user ID is bound to it, the user is invited as usual. Otherwise the
 * homeserver stores the invite on the identity server and sends an `m.room.third_party_invite`
 * event" whose state key is the identity server's token.
 */
@Injectable()
export class ThirdPartyInviteService {
  constructor(
    private readonly identity: IdentityServerClient,
    private readonly membership: MembershipService,
    private readonly send: SendPerform,
  ) {}

  async invite(requester: Requester, roomId: string, invitee: ThirdPartyInvitee): Promise<void> {
    const { idServer, idAccessToken, medium, address } = invitee;
    const bound = await this.identity.lookup(idServer, idAccessToken, medium, address);
    if (bound !== null) {
      await this.membership.invite(requester, roomId, bound, undefined);
      return;
    }
    const stored = await this.identity.storeInvite(idServer, idAccessToken, {
      medium,
      address,
      room_id: roomId,
      sender: requester.userId,
    });
    const [primary] = stored.publicKeys;
    if (primary === undefined)
      throw new MatrixError('M_UNKNOWN', 502, 'The identity server gave no public key');
    await this.send.send(
      roomId,
      requester.userId,
      stateEvent('m.room.third_party_invite', stored.token, {
        display_name: stored.displayName,
        key_validity_url: primary.key_validity_url,
        public_key: primary.public_key,
        public_keys: stored.publicKeys,
      }),
    );
  }
}
