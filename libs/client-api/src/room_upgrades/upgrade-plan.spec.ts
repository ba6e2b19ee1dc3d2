import { IdentifiedPdu, roomVersion, RoomVersion, stateKey } from '@switchboard/protocol';
import { testEvent } from '@switchboard/protocol/testing';
import { planUpgrade, restrictedOldLevels } from './upgrade-plan';

const alice = '@alice:hs';
const bob = '@bob:hs';
const v = (id: string) => roomVersion(id) as RoomVersion;

function state(events: [string, Record<string, unknown>][]): Map<string, IdentifiedPdu> {
  return new Map(
    events.map(([type, content]) => [
      stateKey(type, ''),
      testEvent({ type, sender: alice, stateKey: '', content: content as never }),
    ]),
  );
}

describe('room upgrade plan (modules/room_upgrades "Server behaviour")', () => {
  const old = state([
    ['m.room.create', { room_version: '10', type: 'm.space' }],
    [
      'm.room.power_levels',
      {
        users: { [alice]: 50, [bob]: 20 },
        users_default: 5,
        state_default: 50,
        events: { 'm.room.server_acl': 100 },
      },
    ],
    ['m.room.name', { name: 'n' }],
    ['m.room.server_acl', { allow: ['*'] }],
    ['org.example.private', { secret: true }],
  ]);

  it('copies the recommended state and the room type, not other state', () => {
    const plan = planUpgrade({
      upgrader: alice,
      oldState: old,
      oldRoomId: '!old:hs',
      newVersion: v('11'),
      additionalCreators: [bob],
      upgraderProfile: {},
    });
    expect(plan.createContent).toEqual({ predecessor: { room_id: '!old:hs' }, type: 'm.space' });
    const types = plan.initialEvents.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['m.room.name', 'm.room.server_acl']));
    expect(types).not.toContain('org.example.private');
  });

  it('raises the upgrader before v12 to send everything, then restores the old levels', () => {
    const strict = new Map(old);
    strict.set(
      stateKey('m.room.power_levels', ''),
      testEvent({
        type: 'm.room.power_levels',
        sender: alice,
        stateKey: '',
        content: { users: { [alice]: 50 }, events: { 'm.room.server_acl': 150 } },
      }),
    );
    const plan = planUpgrade({
      upgrader: alice,
      oldState: strict,
      oldRoomId: '!old:hs',
      newVersion: v('11'),
      additionalCreators: [],
      upgraderProfile: {},
    });
    expect(plan.initialEvents[0]).toEqual({
      type: 'm.room.member',
      stateKey: alice,
      content: { membership: 'join' },
    });
    const levels = plan.initialEvents
      .filter((e) => e.type === 'm.room.power_levels')
      .map((e) => e.content.users);
    expect(levels).toEqual([{ [alice]: 150 }, { [alice]: 100 }]);
    expect(plan.initialEvents[plan.initialEvents.length - 1].type).toBe('m.room.power_levels');
  });

  it('does not raise when the upgrader already has what it takes', () => {
    const plan = planUpgrade({
      upgrader: alice,
      oldState: old,
      oldRoomId: '!old:hs',
      newVersion: v('11'),
      additionalCreators: [],
      upgraderProfile: {},
    });
    const levels = plan.initialEvents
      .filter((e) => e.type === 'm.room.power_levels')
      .map((e) => e.content.users);
    expect(levels).toEqual([{ [alice]: 100, [bob]: 20 }]);
  });

  it('v12: drops creators from users and names additional creators', () => {
    const plan = planUpgrade({
      upgrader: alice,
      oldState: old,
      oldRoomId: '!old:hs',
      newVersion: v('12'),
      additionalCreators: [bob],
      upgraderProfile: {},
    });
    expect(plan.createContent.additional_creators).toEqual([bob]);
    const levels = plan.initialEvents.find((e) => e.type === 'm.room.power_levels')?.content;
    expect(levels?.users).toEqual({});
    expect((levels?.events as Record<string, number>)['m.room.tombstone']).toBe(150);
  });

  it('restricts the old room: events_default and invite to max(50, users_default + 1)', () => {
    expect(restrictedOldLevels(old)).toMatchObject({ events_default: 50, invite: 50 });
    const high = state([['m.room.power_levels', { users_default: 60 }]]);
    expect(restrictedOldLevels(high)).toMatchObject({ events_default: 61, invite: 61 });
  });
});
