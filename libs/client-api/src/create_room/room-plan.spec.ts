import { roomVersion, RoomVersion } from '@switchboard/protocol';
import { parseCreateRoomRequest } from './create-room-request';
import { defaultPowerLevels, planRoom } from './room-plan';

const alice = '@alice:hs';
const bob = '@bob:hs';
const v = (id: string) => roomVersion(id) as RoomVersion;
const plan = (body: Record<string, unknown>, version = '12') =>
  planRoom({
    creator: alice,
    version: v(version),
    request: parseCreateRoomRequest(body),
    creatorProfile: {},
  });
const keys = (p: ReturnType<typeof plan>) => p.initialEvents.map((e) => `${e.type}|${e.stateKey}`);

describe('createRoom presets (create_room.yaml "Server behaviour")', () => {
  it.each([
    ['private_chat', 'invite', 'can_join'],
    ['trusted_private_chat', 'invite', 'can_join'],
    ['public_chat', 'public', 'forbidden'],
  ])('%s: join_rules %s, history_visibility shared, guest_access %s', (preset, joinRule, guests) => {
    const events = plan({ preset }).initialEvents;
    const content = (type: string) => events.find((e) => e.type === type)?.content;
    expect(content('m.room.join_rules')).toEqual({ join_rule: joinRule });
    expect(content('m.room.history_visibility')).toEqual({ history_visibility: 'shared' });
    expect(content('m.room.guest_access')).toEqual({ guest_access: guests });
  });

  it('takes the preset from visibility when none is given', () => {
    expect(parseCreateRoomRequest({ visibility: 'public' }).preset).toBe('public_chat');
    expect(parseCreateRoomRequest({}).preset).toBe('private_chat');
  });

  it('orders: join, power levels, canonical alias, preset, initial_state, name, topic, invites', () => {
    const p = planRoom({
      creator: alice,
      version: v('12'),
      request: parseCreateRoomRequest({
        name: 'n',
        topic: 't',
        invite: [bob],
        initial_state: [{ type: 'x.custom', state_key: 'k', content: {} }],
      }),
      alias: '#a:hs',
      creatorProfile: { displayname: 'Alice' },
    });
    expect(keys(p)).toEqual([
      `m.room.member|${alice}`,
      'm.room.power_levels|',
      'm.room.canonical_alias|',
      'm.room.join_rules|',
      'm.room.history_visibility|',
      'm.room.guest_access|',
      'x.custom|k',
      'm.room.name|',
      'm.room.topic|',
      `m.room.member|${bob}`,
    ]);
    expect(p.initialEvents[0].content).toEqual({ displayname: 'Alice', membership: 'join' });
  });

  it('initial_state power levels replace the defaults and sit in step 3; the override applies on top', () => {
    const p = plan({
      initial_state: [{ type: 'm.room.power_levels', content: { users: {}, ban: 1 } }],
      power_level_content_override: { kick: 2 },
    });
    expect(p.initialEvents.filter((e) => e.type === 'm.room.power_levels')).toEqual([
      { type: 'm.room.power_levels', stateKey: '', content: { users: {}, ban: 1, kick: 2 } },
    ]);
  });

  it('power levels: v1-v11 list the creator at 100, v12 lists no creator and raises tombstone above state_default', () => {
    expect(defaultPowerLevels(alice, v('11'), 'private_chat', [])).toMatchObject({
      users: { [alice]: 100 },
      invite: 0,
    });
    const v12 = defaultPowerLevels(alice, v('12'), 'public_chat', [bob]);
    expect(v12).toMatchObject({ users: {}, invite: 50, state_default: 50 });
    expect((v12.events as Record<string, number>)['m.room.tombstone']).toBe(150);
  });

  it('trusted_private_chat: invitees at the creator level before v12, additional creators from v12', () => {
    expect(
      plan({ preset: 'trusted_private_chat', invite: [bob] }, '11').initialEvents[1].content.users,
    ).toEqual({
      [alice]: 100,
      [bob]: 100,
    });
    const v12 = plan({
      preset: 'trusted_private_chat',
      invite: [bob],
      creation_content: { additional_creators: [bob] },
    });
    expect(v12.createContent).toEqual({ additional_creators: [bob] });
  });
});
