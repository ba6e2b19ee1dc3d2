import { Inject, Injectable } from '@nestjs/common';
import {
  computeEventId,
  IdentifiedPdu,
  MatrixError,
  Pdu,
  RoomVersion,
  roomVersion,
  StateMap,
  stateKey,
} from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { EventGraphRepository, EventsRepository, RoomsRepository, Transactions } from '@switchboard/storage';
import { checkAgainstState, stateAfter } from '../input/07-state-before';
import { RemoteEventPersister } from '../input/09-persist';
import { RoomInput } from '../input/room-input.service';
import { RoomLocks } from '../locks/room-locks';
import { EventWriter } from '../perform/event-writer';
import { EVENTS_STREAM } from '../perform/send.perform';
import { EventCache } from '../query/event-cache';

export interface SendJoinAnswer {
  /** The server that answered send_join: asked for whatever the answer lacks. */
  origin: string;
  roomVersion: string;
  join: IdentifiedPdu;
  state: readonly Pdu[];
  authChain: readonly Pdu[];
}

/**
 * The joining server's end of server-server-api "Joining Rooms": with the resident server's
 * answer to send_join, the room becomes one of ours. The auth chain and the state are checked
 * (signatures, hashes, auth against their auth events) and stored as outliers; the join is then
 * placed on that state as the room's one forward extremity, which sets its current state and
 * memberships. An event of the answer that fails its checks is left out, not the whole join.
 */
@Injectable()
export class RemoteJoinWriter {
  constructor(
    private readonly transactions: Transactions,
    private readonly locks: RoomLocks,
    private readonly writer: EventWriter,
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly graph: EventGraphRepository,
    private readonly input: RoomInput,
    private readonly persister: RemoteEventPersister,
    private readonly cache: EventCache,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async persist(answer: SendJoinAnswer): Promise<void> {
    const version = roomVersion(answer.roomVersion);
    if (!version) {
      throw new MatrixError(
        'M_UNSUPPORTED_ROOM_VERSION',
        400,
        `Unsupported room version ${answer.roomVersion}`,
      );
    }
    const roomId = answer.join.pdu.room_id as string;
    const create = answer.state.find((e) => e.type === 'm.room.create' && e.state_key === '');
    if (!create) throw new MatrixError('M_BAD_JSON', 502, 'The send_join answer has no m.room.create event');
    if (create.content.room_version !== undefined && create.content.room_version !== answer.roomVersion) {
      throw new MatrixError('M_BAD_JSON', 502, 'The room version of the m.room.create event does not match');
    }
    await this.transactions.run(async (tx) => {
      if (await this.rooms.get(tx, roomId)) return;
      await this.rooms.insert(tx, {
        roomId,
        roomVersion: answer.roomVersion,
        creator: create.sender,
        createdTs: create.origin_server_ts,
      });
    });

    const outliers = [...answer.authChain, ...answer.state].sort((a, b) => a.depth - b.depth);
    for (const pdu of outliers) {
      await this.input.input([{ kind: 'outlier', roomId, pdu, origin: answer.origin }]);
    }
    const stateBefore = await this.stateOf(version, roomId, answer.state);
    const stateEvents = await this.cache.stateEvents(this.transactions.reader, stateBefore);
    const isRejected = () => false;
    const verdict = checkAgainstState(version, answer.join, stateEvents, isRejected);
    if (!verdict.allowed)
      throw new MatrixError('M_FORBIDDEN', 403, `The join is not allowed: ${verdict.reason}`);

    const position = await this.locks.withRoom(roomId, () =>
      this.transactions.run(async (tx) => {
        await this.writer.lockRoom(tx, roomId);
        const room = (await this.rooms.get(tx, roomId))!;
        // Whatever this server had of the room before is superseded by the state it joined on.
        const old = await this.graph.forwardExtremities(tx, roomId);
        await this.graph.replaceExtremities(tx, [{ roomId, removed: old, added: [] }]);
        return this.persister.persist(tx, {
          room,
          event: answer.join,
          outcome: 'accepted',
          stateBefore,
          newCurrentState: stateAfter(stateBefore, answer.join),
        });
      }),
    );
    if (position) await this.notifier.publish(EVENTS_STREAM, position);
  }

  /** The answer's state as a map of the events that passed their checks. */
  private async stateOf(
    version: RoomVersion,
    roomId: string,
    state: readonly Pdu[],
  ): Promise<StateMap<string>> {
    const keyed: [string, string][] = [];
    for (const pdu of state) {
      // In v12 the create event has no room_id: its ID names the room.
      const inRoom =
        pdu.room_id === roomId || (version.roomIdFromCreateEvent && pdu.type === 'm.room.create');
      if (pdu.state_key === undefined || !inRoom) continue;
      try {
        keyed.push([stateKey(pdu.type, pdu.state_key), computeEventId(pdu, version)]);
      } catch {
        // Malformed: the input pipeline dropped it too.
      }
    }
    const rows = await this.events.getMany(
      this.transactions.reader,
      keyed.map(([, id]) => id),
    );
    return new Map(keyed.filter(([, id]) => rows.has(id) && !rows.get(id)!.rejectedReason));
  }
}
