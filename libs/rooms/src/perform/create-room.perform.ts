import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  authorizeEvent,
  EventTemplate,
  JsonObject,
  MatrixError,
  roomIdFromCreateEvent,
  roomVersion,
  SigningKey,
} from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { RoomsRepository, SIGNING_KEY, Transactions, Tx } from '@switchboard/storage';
import { buildEvent } from '../build/build-event';
import { RoomLocks } from '../locks/room-locks';
import { EventWriter } from './event-writer';
import { EVENTS_STREAM } from './send.perform';

export interface CreateRoomInput {
  creator: string;
  roomVersion: string;
  /** Content of m.room.create (room_version and, before v11, creator are filled in). */
  createContent: JsonObject;
  /** A room ID from `allocateRoomId`, for versions whose room ID is not derived from the create event. */
  roomId?: string;
  /** Every event after the create event, in order: the creator's join first. */
  initialEvents: EventTemplate[];
  /**
   * Further writes that must commit or fail with the room (an alias, the directory listing); it
   * runs after the initial events, inside the same transaction.
   */
  alsoInTransaction?: (tx: Tx, roomId: string) => Promise<void>;
}

/**
 * Creates a room in one transaction: either every initial event is stored, or none is and the
 * room does not exist (client-server-api "Creation": the events are sent in the order listed).
 */
@Injectable()
export class CreateRoomPerform {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    private readonly transactions: Transactions,
    private readonly locks: RoomLocks,
    private readonly rooms: RoomsRepository,
    private readonly writer: EventWriter,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  /**
   * A fresh room ID for a version whose room ID the server chooses, undefined when the version
   * derives it from the create event. A room upgrade needs the replacement's ID before creating it,
   * so that the tombstone it names can be the new room's `predecessor.event_id`.
   */
  allocateRoomId(versionId: string): string | undefined {
    if (roomVersion(versionId)?.roomIdFromCreateEvent !== false) return undefined;
    return `!${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}:${this.config.server_name}`;
  }

  async create(input: CreateRoomInput): Promise<{ roomId: string }> {
    const version = roomVersion(input.roomVersion);
    if (!version) {
      throw new MatrixError(
        'M_UNSUPPORTED_ROOM_VERSION',
        400,
        `Room version ${input.roomVersion} is not supported`,
      );
    }
    const content: JsonObject = { ...input.createContent, room_version: version.id };
    // v11 dropped `creator` from the create event: the sender is the creator (rooms/v11 "Event format").
    if (version.eventFormat === 'v1' || version.eventFormat === 'v3') content.creator = input.creator;
    const legacyRoomId = version.roomIdFromCreateEvent
      ? undefined
      : (input.roomId ?? this.allocateRoomId(version.id));
    const create = buildEvent({
      version,
      roomId: legacyRoomId,
      sender: input.creator,
      template: { type: 'm.room.create', stateKey: '', content },
      prevEvents: [],
      authState: new Map(),
      serverName: this.config.server_name,
      key: this.key,
      now: Date.now(),
    });
    const verdict = authorizeEvent(version, create, new Map());
    if (!verdict.allowed) throw new MatrixError('M_INVALID_PARAM', 400, verdict.reason);
    const roomId = legacyRoomId ?? roomIdFromCreateEvent(create.pdu, version);

    const last = await this.locks.withRoom(roomId, () =>
      this.transactions.run(async (tx) => {
        await this.writer.lockRoom(tx, roomId);
        await this.rooms.insert(tx, {
          roomId,
          roomVersion: version.id,
          creator: input.creator,
          createdTs: create.pdu.origin_server_ts,
        });
        const room = {
          roomId,
          roomVersion: version.id,
          creator: input.creator,
          createdTs: create.pdu.origin_server_ts,
          currentSnapshotId: null,
          isPublic: false,
        };
        let position = await this.writer.persist(tx, room, create, []);
        for (const template of input.initialEvents) {
          position = (await this.writer.write(tx, room, version, input.creator, template)).streamOrdering;
        }
        await input.alsoInTransaction?.(tx, roomId);
        return position;
      }),
    );
    await this.notifier.publish(EVENTS_STREAM, last);
    return { roomId };
  }
}
