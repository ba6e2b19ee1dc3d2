import { authEventsNeeded, AuthEventsTemplate } from '../auth';
import { EventReference, JsonObject } from '../events/pdu.types';
import { RoomVersion } from '../room-versions/room-version.types';
import { IdentifiedPdu, stateKey } from '../state/state-map';
import { resolveState } from '../state-res/resolve-state';
import { EventLookup } from '../state-res/state-res.types';
import { testEvent, TestEventInit } from './test-event';

export interface StateResEventOptions {
  /** Defaults to one more than the latest timestamp in the room. */
  readonly ts?: number;
  /** Defaults to what "Auth events selection" picks from the branch's state. */
  readonly authEvents?: readonly string[];
}

/**
 * A room's event DAG for state resolution tests, kept as branches: each branch has a head and the
 * state after it, so a test forks, sends on each fork and resolves (or merges) the branch states.
 * Event IDs are short names given by the test (`$` + name), not reference hashes; in room version
 * 12 the room ID is derived from the create event's name as the spec derives it from its ID.
 */
export class StateResRoom {
  readonly events = new Map<string, IdentifiedPdu>();
  readonly lookup: EventLookup = (eventId) => this.events.get(eventId);
  readonly roomId: string;
  private lastTs = 0;

  private constructor(
    readonly version: RoomVersion,
    createName: string,
  ) {
    this.roomId = version.roomIdFromCreateEvent ? `!${createName}` : '!room:example.com';
  }

  /** A room with only its create event, sent by `creator`, on the returned branch. */
  static create(
    version: RoomVersion,
    creator: string,
    createName = 'CREATE',
  ): [StateResRoom, StateResBranch] {
    const room = new StateResRoom(version, createName);
    const content: JsonObject =
      version.eventFormat === 'v1' || version.eventFormat === 'v3' ? { creator } : {};
    content.room_version = version.id;
    const branch = new StateResBranch(room, new Map(), []);
    branch.send(createName, creator, 'm.room.create', '', content, { authEvents: [] });
    return [room, branch];
  }

  eventId(name: string): string {
    return this.version.eventIdFormat === 'v1' ? `$${name}:example.com` : `$${name}`;
  }

  /** A branch whose state is the resolution of the branches' states, with all their heads as prev. */
  merge(...branches: StateResBranch[]): StateResBranch {
    const state = resolveState(
      this.version,
      branches.map((b) => b.state),
      this.lookup,
    );
    return new StateResBranch(this, new Map(state), [...new Set(branches.flatMap((b) => b.heads))]);
  }

  /** Adds an event under `name`; its origin_server_ts defaults to one after the latest. */
  add(
    name: string,
    init: Omit<TestEventInit, 'eventId' | 'originServerTs'>,
    ts = this.lastTs + 1,
  ): IdentifiedPdu {
    const eventId = this.eventId(name);
    if (this.events.has(eventId)) throw new Error(`event ${name} is already in the room`);
    this.lastTs = Math.max(this.lastTs, ts);
    const extra = this.version.eventIdFormat === 'v1' ? { ...init.extra, event_id: eventId } : init.extra;
    const event = testEvent({ ...init, eventId, originServerTs: ts, extra });
    this.events.set(eventId, event);
    return event;
  }

  /** The event ID of a name, or of each name; for expectations. */
  ids(...names: string[]): string[] {
    return names.map((n) => this.eventId(n));
  }
}

export class StateResBranch {
  constructor(
    readonly room: StateResRoom,
    readonly state: Map<string, string>,
    public heads: string[],
  ) {}

  fork(): StateResBranch {
    return new StateResBranch(this.room, new Map(this.state), [...this.heads]);
  }

  /** Sends a state event on this branch and applies it to the branch's state. */
  send(
    name: string,
    sender: string,
    type: string,
    key: string,
    content: JsonObject,
    options: StateResEventOptions = {},
  ): IdentifiedPdu {
    const { room } = this;
    const version = room.version;
    const roomId = type === 'm.room.create' && version.roomIdFromCreateEvent ? null : room.roomId;
    const authIds = options.authEvents ?? this.selectAuthEvents({ type, sender, state_key: key, content });
    const refs = (ids: readonly string[]): EventReference[] =>
      version.eventFormat === 'v1' ? ids.map((id) => [id, { sha256: 'fakehash' }]) : [...ids];
    const depth = 1 + Math.max(0, ...this.heads.map((h) => room.events.get(h)?.pdu.depth ?? 0));
    const event = room.add(
      name,
      {
        type,
        sender,
        stateKey: key,
        content,
        roomId,
        prevEvents: refs(this.heads),
        authEvents: refs(authIds),
        depth,
      },
      options.ts,
    );
    this.state.set(stateKey(type, key), event.eventId);
    this.heads = [event.eventId];
    return event;
  }

  private selectAuthEvents(template: AuthEventsTemplate): string[] {
    const ids = new Set<string>();
    for (const key of authEventsNeeded(this.room.version, template)) {
      const id = this.state.get(stateKey(key.type, key.stateKey));
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  }
}

export const ALICE = '@alice:example.com';
export const BOB = '@bob:example.com';
export const CHARLIE = '@charlie:example.com';
export const EVELYN = '@evelyn:example.com';
export const ZARA = '@zara:example.com';

/**
 * Power levels content giving `users` their levels. Room version 12 rejects a creator in `users`
 * (their power is infinite), so the creator is left out there.
 */
export function powerLevelsContent(version: RoomVersion, users: Record<string, number>): JsonObject {
  const listed = version.creatorPrivileges
    ? Object.fromEntries(Object.entries(users).filter(([user]) => user !== ALICE))
    : users;
  return { users: listed };
}

/**
 * The room most cases start from: Alice creates it (CREATE), joins (IMA), takes power 100
 * (IPOWER), makes it public (IJR); Bob (IMB), Charlie (IMC) and Zara (IMZ) join.
 */
export function standardStateResRoom(version: RoomVersion): [StateResRoom, StateResBranch] {
  const [room, branch] = StateResRoom.create(version, ALICE);
  branch.send('IMA', ALICE, 'm.room.member', ALICE, { membership: 'join' });
  branch.send('IPOWER', ALICE, 'm.room.power_levels', '', powerLevelsContent(version, { [ALICE]: 100 }));
  branch.send('IJR', ALICE, 'm.room.join_rules', '', { join_rule: 'public' });
  branch.send('IMB', BOB, 'm.room.member', BOB, { membership: 'join' });
  branch.send('IMC', CHARLIE, 'm.room.member', CHARLIE, { membership: 'join' });
  branch.send('IMZ', ZARA, 'm.room.member', ZARA, { membership: 'join' });
  return [room, branch];
}
