import { authEventsNeeded } from '../auth/auth-events';
import { JsonObject } from '../events/pdu.types';
import { RoomVersion } from '../room-versions/room-version.types';
import { IdentifiedPdu, stateKey } from '../state/state-map';
import { testEvent, TestEventInit } from './test-event';

export interface TestRoomOptions {
  /** Defaults to `@alice:example.org`. */
  readonly creator?: string;
  /** Merged into the create event's content. */
  readonly createContent?: JsonObject;
  /** Defaults to the creator at 100 (v1-v11) or no one listed (v12: creators may not be). */
  readonly powerLevels?: JsonObject;
  /** Defaults to `public`. */
  readonly joinRule?: string;
}

/**
 * A room for auth rule tests: create, the creator's join, power levels and join rules, then
 * whatever the test sends. `state` is the current state; `event` builds an event against it
 * without changing it, `send` also applies it.
 */
export class TestRoom {
  readonly creator: string;
  readonly roomId: string;
  readonly create: IdentifiedPdu;
  readonly state = new Map<string, IdentifiedPdu>();
  private last: IdentifiedPdu;

  constructor(
    readonly version: RoomVersion,
    options: TestRoomOptions = {},
  ) {
    this.creator = options.creator ?? '@alice:example.org';
    const content: JsonObject = { room_version: version.id, ...options.createContent };
    if ((version.eventFormat === 'v1' || version.eventFormat === 'v3') && !('creator' in content)) {
      content.creator = this.creator;
    }
    const domain = this.creator.slice(this.creator.indexOf(':') + 1);
    this.create = testEvent({
      type: 'm.room.create',
      sender: this.creator,
      stateKey: '',
      content,
      roomId: version.roomIdFromCreateEvent ? null : `!room:${domain}`,
    });
    this.roomId = version.roomIdFromCreateEvent ? `!${this.create.eventId.slice(1)}` : `!room:${domain}`;
    this.state.set(stateKey('m.room.create', ''), this.create);
    this.last = this.create;
    this.member(this.creator, 'join');
    this.send({
      type: 'm.room.power_levels',
      sender: this.creator,
      stateKey: '',
      content: options.powerLevels ?? (version.creatorPrivileges ? {} : { users: { [this.creator]: 100 } }),
    });
    this.setJoinRule(options.joinRule ?? 'public');
  }

  /** An event in this room after the latest one, its auth_events picked from the current state. */
  event(init: Omit<TestEventInit, 'roomId'> & { roomId?: string }): IdentifiedPdu {
    const authEvents = authEventsNeeded(this.version, {
      type: init.type,
      sender: init.sender,
      state_key: init.stateKey,
      content: init.content ?? {},
    })
      .map((k) => this.state.get(stateKey(k.type, k.stateKey))?.eventId)
      .filter((id): id is string => id !== undefined);
    return testEvent({
      prevEvents: [this.last.eventId],
      authEvents,
      ...init,
      roomId: init.roomId ?? this.roomId,
    });
  }

  /** Builds the event and applies it to the state. */
  send(init: Omit<TestEventInit, 'roomId'>): IdentifiedPdu {
    const event = this.event(init);
    if (init.stateKey !== undefined) this.state.set(stateKey(init.type, init.stateKey), event);
    this.last = event;
    return event;
  }

  /** Sets `userId`'s membership; `sender` defaults to the user. */
  member(userId: string, membership: string, sender = userId, content: JsonObject = {}): IdentifiedPdu {
    return this.send({
      type: 'm.room.member',
      sender,
      stateKey: userId,
      content: { membership, ...content },
    });
  }

  setPowerLevels(content: JsonObject): IdentifiedPdu {
    return this.send({ type: 'm.room.power_levels', sender: this.creator, stateKey: '', content });
  }

  setJoinRule(joinRule: string): IdentifiedPdu {
    return this.send({
      type: 'm.room.join_rules',
      sender: this.creator,
      stateKey: '',
      content: { join_rule: joinRule },
    });
  }

  /** The current state without the entry for (type, state_key). */
  stateWithout(type: string, key: string): Map<string, IdentifiedPdu> {
    const state = new Map(this.state);
    state.delete(stateKey(type, key));
    return state;
  }
}
