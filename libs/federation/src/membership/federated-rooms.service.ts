import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import {
  canonicalJson,
  computeEventId,
  IdentifiedPdu,
  JsonObject,
  MatrixError,
  Pdu,
  ROOM_VERSIONS,
  serverNameOf,
  SigningKey,
  toStrippedState,
  tryServerNameOf,
} from '@switchboard/protocol';
import {
  OutOfRoomMembershipStore,
  PendingInvite,
  RemoteInvitePerform,
  RemoteJoinWriter,
  RemotePublicRoomsQuery,
  RemoteRooms,
  ResolvedAlias,
} from '@switchboard/rooms';
import { EventsRepository, MembershipsRepository, SIGNING_KEY, Transactions } from '@switchboard/storage';
import { RemoteQueries } from '../query/remote-queries.service';
import { FederationClient } from '../transport/federation-client';
import { FederationRemoteError } from '../transport/federation-remote.error';
import { EventSignatures } from './event-signatures';
import { completeTemplate, MakeMembershipAnswer, versionOfAnswer } from './membership-event';
import { outOfBandLeave } from './out-of-band-leave';

const e = encodeURIComponent;

/** make_join and make_knock's `ver`: "The room versions the sending server has support for". */
const SUPPORTED_VERSIONS = [...ROOM_VERSIONS.keys()].map((v) => `ver=${e(v)}`).join('&');

interface SendJoinAnswer {
  state?: unknown;
  auth_chain?: unknown;
  event?: unknown;
}

/**
 * The joining, inviting and invite-rejecting server's end of the membership handshakes
 * (server-server-api "Joining Rooms", "Inviting to a room", "Leaving Rooms (Rejecting Invites)"):
 * the room server's REMOTE_ROOMS port, with the queries client-api sends on.
 */
@Injectable()
export class FederatedRooms implements RemoteRooms {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly client: FederationClient,
    private readonly signatures: EventSignatures,
    private readonly joinWriter: RemoteJoinWriter,
    private readonly invites: RemoteInvitePerform,
    private readonly outOfRoom: OutOfRoomMembershipStore,
    private readonly queries: RemoteQueries,
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
    private readonly events: EventsRepository,
  ) {}

  /** Each server in turn until one answers make_join; its refusal reaches the client as it was. */
  async join(roomId: string, userId: string, servers: readonly string[], content: JsonObject): Promise<void> {
    await this.firstAnswering(roomId, servers, 'make_join', async (server) => {
      const answer = await this.client.request<MakeMembershipAnswer>(server, {
        method: 'GET',
        path: `/_matrix/federation/v1/make_join/${e(roomId)}/${e(userId)}?${SUPPORTED_VERSIONS}`,
      });
      return () => this.sendJoin(server, roomId, answer, content);
    });
  }

  /** make_knock and send_knock; the knock is kept here with the room's state the resident sent. */
  async knock(
    roomId: string,
    userId: string,
    servers: readonly string[],
    content: JsonObject,
  ): Promise<void> {
    await this.firstAnswering(roomId, servers, 'make_knock', async (server) => {
      const answer = await this.client.request<MakeMembershipAnswer>(server, {
        method: 'GET',
        path: `/_matrix/federation/v1/make_knock/${e(roomId)}/${e(userId)}?${SUPPORTED_VERSIONS}`,
      });
      return async () => {
        const version = versionOfAnswer(answer);
        const knock = completeTemplate(answer, version, content, this.config.server_name, this.key);
        if (knock.pdu.room_id !== roomId || knock.pdu.content.membership !== 'knock') {
          throw new MatrixError('M_UNKNOWN', 502, `${server} answered make_knock with another event`);
        }
        const sent = await this.client.request<{ knock_room_state?: unknown }>(server, {
          method: 'PUT',
          path: `/_matrix/federation/v1/send_knock/${e(roomId)}/${e(knock.eventId)}`,
          body: knock.pdu,
        });
        await this.outOfRoom.storeKnock(knock, version.id, strippedState(sent.knock_room_state));
      };
    });
  }

  async invite(roomId: string, sender: string, invitee: string, content: JsonObject): Promise<void> {
    const pending = await this.invites.build(roomId, sender, invitee, content);
    const destination = serverNameOf(invitee);
    const answer = await this.sendInvite(destination, roomId, pending);
    const returned = answer.event;
    if (typeof returned !== 'object' || returned === null || Array.isArray(returned)) {
      throw new MatrixError('M_UNKNOWN', 502, `${destination} returned no invite event`);
    }
    const signed = returned as Pdu;
    let eventId: string;
    try {
      // The room version's canonical JSON (no floats, integers in range) or M_BAD_JSON.
      canonicalJson(signed, { version: pending.version });
      eventId = computeEventId(signed, pending.version);
    } catch (err) {
      throw new MatrixError(
        'M_BAD_JSON',
        400,
        `${destination} returned a malformed invite: ${(err as Error).message}`,
      );
    }
    if (eventId !== pending.event.eventId) {
      throw new MatrixError('M_UNKNOWN', 502, `${destination} returned another event than the invite`);
    }
    if (!(await this.signatures.signedBy(signed, pending.version, destination))) {
      throw new MatrixError('M_UNKNOWN', 502, `${destination} did not sign the invite`);
    }
    await this.invites.persist(roomId, { eventId, pdu: signed });
  }

  /**
   * make_leave and send_leave through the inviting server; when that fails (it left the room,
   * or cannot be reached) the invite is rejected here alone, as Synapse does, with a leave event
   * that follows the invite.
   */
  async rejectInvite(roomId: string, userId: string, content: JsonObject): Promise<void> {
    const q = this.transactions.reader;
    const membership = await this.memberships.get(q, roomId, userId);
    const invite = membership && (await this.events.get(q, membership.eventId));
    if (!membership || membership.membership !== 'invite' || !invite) {
      throw new MatrixError('M_NOT_FOUND', 404, `${userId} has no invite to ${roomId}`);
    }
    const servers = [tryServerNameOf(invite.sender), tryServerNameOf(roomId)].filter(
      (s): s is string => typeof s === 'string' && s !== this.config.server_name,
    );
    for (const server of [...new Set(servers)]) {
      try {
        const leave = await this.remoteLeave(server, roomId, userId, content);
        await this.outOfRoom.storeLeave(leave);
        return;
      } catch (err) {
        this.logger.info(
          { err, destination: server, room_id: roomId },
          'rejecting an invite remotely failed',
        );
      }
    }
    const leave = outOfBandLeave(invite.pdu, invite.eventId, content, this.config.server_name, this.key);
    await this.outOfRoom.storeLeave(leave);
  }

  /**
   * Asks `make` of each server in turn; the first that answers gets the rest of the handshake
   * (what `make` returns). When none answers, the last refusal is the client's answer.
   */
  private async firstAnswering(
    roomId: string,
    servers: readonly string[],
    what: string,
    make: (server: string) => Promise<() => Promise<void>>,
  ): Promise<void> {
    const candidates = [...new Set(servers)].filter((s) => s !== this.config.server_name);
    if (candidates.length === 0)
      throw new MatrixError('M_NOT_FOUND', 404, `No known servers to reach ${roomId}`);
    let lastError: unknown;
    for (const server of candidates) {
      let rest: () => Promise<void>;
      try {
        rest = await make(server);
      } catch (err) {
        lastError = err;
        this.logger.info({ err, destination: server, room_id: roomId }, `${what} failed`);
        continue;
      }
      return rest();
    }
    throw lastError instanceof MatrixError
      ? lastError
      : new MatrixError('M_UNKNOWN', 502, `No server could be reached for ${roomId}`);
  }

  resolveAlias(alias: string): Promise<ResolvedAlias> {
    return this.queries.directory(alias);
  }

  profile(userId: string, field?: string): Promise<JsonObject> {
    return this.queries.profile(userId, field);
  }

  publicRooms(server: string, query: RemotePublicRoomsQuery): Promise<JsonObject> {
    return this.queries.publicRooms(server, query);
  }

  /**
   * v2 "is preferred over v1 for all room versions"; a server without it (404, or 400
   * M_UNRECOGNIZED) gets v1 in rooms of version 1 and 2, the only ones v1 can carry.
   */
  private async sendInvite(
    destination: string,
    roomId: string,
    pending: PendingInvite,
  ): Promise<{ event?: unknown }> {
    const path = (v: string) => `/_matrix/federation/${v}/invite/${e(roomId)}/${e(pending.event.eventId)}`;
    const v2 = () =>
      this.client.request<{ event?: unknown }>(destination, {
        method: 'PUT',
        path: path('v2'),
        body: {
          room_version: pending.version.id,
          event: pending.event.pdu,
          invite_room_state: pending.inviteRoomState,
        },
      });
    if (pending.version.eventIdFormat !== 'v1') return v2();
    return this.withV1Fallback((v) =>
      v === 'v2'
        ? v2()
        : this.client.request<{ event?: unknown }>(destination, {
            method: 'PUT',
            path: path('v1'),
            body: {
              ...pending.event.pdu,
              unsigned: { ...pending.event.pdu.unsigned, invite_room_state: pending.inviteRoomState },
            },
            v1Wrapped: true,
          }),
    );
  }

  /** The v2 endpoint, or v1 when the server does not know v2 (404, or 400 M_UNRECOGNIZED), as Synapse falls back. */
  private async withV1Fallback<T>(send: (version: 'v1' | 'v2') => Promise<T>): Promise<T> {
    try {
      return await send('v2');
    } catch (err) {
      const unknownEndpoint =
        err instanceof FederationRemoteError &&
        (err.status === 404 || (err.status === 400 && err.errcode === 'M_UNRECOGNIZED'));
      if (!unknownEndpoint) throw err;
      return send('v1');
    }
  }

  private async sendJoin(
    server: string,
    roomId: string,
    answer: MakeMembershipAnswer,
    content: JsonObject,
  ): Promise<void> {
    const version = versionOfAnswer(answer);
    const join = completeTemplate(answer, version, content, this.config.server_name, this.key);
    if (
      join.pdu.room_id !== roomId ||
      join.pdu.type !== 'm.room.member' ||
      join.pdu.content.membership !== 'join'
    ) {
      throw new MatrixError('M_UNKNOWN', 502, `${server} answered make_join with another event`);
    }
    const sent = await this.withV1Fallback((v) =>
      this.client.request<SendJoinAnswer>(server, {
        method: 'PUT',
        path: `/_matrix/federation/${v}/send_join/${e(roomId)}/${e(join.eventId)}`,
        body: join.pdu,
        v1Wrapped: v === 'v1',
      }),
    );
    // Restricted joins come back signed by the resident too ("event"); else ours is the one.
    const event = isPdu(sent.event) && safeId(sent.event, version) === join.eventId ? sent.event : join.pdu;
    await this.joinWriter.persist({
      origin: server,
      roomVersion: version.id,
      join: { eventId: join.eventId, pdu: event },
      state: pdus(sent.state),
      authChain: pdus(sent.auth_chain),
    });
  }

  private async remoteLeave(
    server: string,
    roomId: string,
    userId: string,
    content: JsonObject,
  ): Promise<IdentifiedPdu> {
    const answer = await this.client.request<MakeMembershipAnswer>(server, {
      method: 'GET',
      path: `/_matrix/federation/v1/make_leave/${e(roomId)}/${e(userId)}`,
    });
    const version = versionOfAnswer(answer);
    const leave = completeTemplate(answer, version, content, this.config.server_name, this.key);
    if (leave.pdu.type !== 'm.room.member' || leave.pdu.content.membership !== 'leave') {
      throw new FederationRemoteError(server, 502, { error: 'make_leave answered with another event' });
    }
    await this.withV1Fallback((v) =>
      this.client.request(server, {
        method: 'PUT',
        path: `/_matrix/federation/${v}/send_leave/${e(roomId)}/${e(leave.eventId)}`,
        body: leave.pdu,
        v1Wrapped: v === 'v1',
      }),
    );
    return leave;
  }
}

function isPdu(value: unknown): value is Pdu {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pdus(value: unknown): Pdu[] {
  return Array.isArray(value) ? value.filter(isPdu) : [];
}

function safeId(pdu: Pdu, version: Parameters<typeof computeEventId>[1]): string | undefined {
  try {
    return computeEventId(pdu, version);
  } catch {
    return undefined;
  }
}

/** knock_room_state: events "translated as stripped state events" for the client. */
function strippedState(value: unknown): JsonObject[] {
  return pdus(value)
    .map((e) => toStrippedState(e))
    .filter((e) => e !== undefined) as unknown as JsonObject[];
}
