import { AppserviceRegistration } from '@switchboard/config';
import { AppserviceRoomFacts, AppserviceScannedEvent, Queryable } from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { EventInterest } from './event-interest';

const HS = 'hs.test';
/** The lookup below never touches it. */
const NO_DB = {} as Queryable;

function service(
  id: string,
  namespaces: Partial<Record<'users' | 'aliases' | 'rooms', string[]>>,
): Appservice {
  const rules = (regexes: string[] = []) => regexes.map((regex) => ({ regex, exclusive: false }));
  const registration: AppserviceRegistration = {
    file: `${id}.yaml`,
    id,
    url: 'http://127.0.0.1:1',
    as_token: `as-${id}`,
    hs_token: `hs-${id}`,
    sender_localpart: `${id}bot`,
    namespaces: {
      users: rules(namespaces.users),
      aliases: rules(namespaces.aliases),
      rooms: rules(namespaces.rooms),
    },
    rate_limited: true,
    protocols: [],
    receive_ephemeral: false,
    msc3202: false,
    msc4190: false,
  };
  return new Appservice(registration, HS);
}

function event(fields: Partial<AppserviceScannedEvent>): AppserviceScannedEvent {
  return {
    eventId: '$e',
    roomId: '!r:hs.test',
    type: 'm.room.message',
    stateKey: null,
    sender: '@alice:hs.test',
    membership: null,
    streamOrdering: 1,
    ...fields,
  };
}

describe('EventInterest', () => {
  const users = service('users', { users: ['@_u_.*'] });
  const aliases = service('aliases', { aliases: ['#_a_.*'] });
  const rooms = service('rooms', { rooms: ['!r:hs\\.test'] });
  const all = [users, aliases, rooms];
  let facts: Record<string, AppserviceRoomFacts>;
  let asked: string[];
  let now: number;
  let interest: EventInterest;

  beforeEach(() => {
    facts = {};
    asked = [];
    now = 0;
    interest = new EventInterest(
      HS,
      async (_q, roomId) => {
        asked.push(roomId);
        return facts[roomId] ?? { aliases: [], members: [] };
      },
      () => now,
    );
  });

  const ids = async (e: AppserviceScannedEvent) => (await interest.of(NO_DB, e, all)).map((s) => s.id);

  it('matches the sender, a member event’s state key, the room ID, and the service’s own user', async () => {
    expect(await ids(event({ roomId: '!x:hs.test', sender: '@_u_1:hs.test' }))).toEqual(['users']);
    expect(
      await ids(
        event({
          roomId: '!x:hs.test',
          type: 'm.room.member',
          stateKey: '@_u_2:hs.test',
          membership: 'invite',
        }),
      ),
    ).toEqual(['users']);
    expect(await ids(event({ roomId: '!q:hs.test', sender: '@aliasesbot:hs.test' }))).toEqual(['aliases']);
    expect(await ids(event({}))).toEqual(['rooms']);
    expect(await ids(event({ roomId: '!q:hs.test' }))).toEqual([]);
  });

  it('matches a room by its aliases and its members, and keeps the answer for the room', async () => {
    facts['!y:hs.test'] = { aliases: ['#_a_portal:hs.test'], members: ['@_u_9:hs.test'] };
    expect(await ids(event({ roomId: '!y:hs.test' }))).toEqual(['users', 'aliases']);
    expect(await ids(event({ roomId: '!y:hs.test', eventId: '$2' }))).toEqual(['users', 'aliases']);
    expect(asked).toEqual(['!y:hs.test']);
  });

  it('follows joins and leaves of namespace users, canonical alias changes, and expiry', async () => {
    expect(await ids(event({ roomId: '!z:hs.test' }))).toEqual([]);
    await ids(
      event({ roomId: '!z:hs.test', type: 'm.room.member', stateKey: '@_u_1:hs.test', membership: 'join' }),
    );
    expect(await ids(event({ roomId: '!z:hs.test' }))).toEqual(['users']);
    expect(asked).toHaveLength(1);

    // A leave is recomputed: another namespace user may still be there.
    facts['!z:hs.test'] = { aliases: [], members: ['@_u_2:hs.test'] };
    await ids(
      event({ roomId: '!z:hs.test', type: 'm.room.member', stateKey: '@_u_1:hs.test', membership: 'leave' }),
    );
    expect(await ids(event({ roomId: '!z:hs.test' }))).toEqual(['users']);
    expect(asked).toHaveLength(2);

    facts['!z:hs.test'] = { aliases: ['#_a_new:hs.test'], members: [] };
    await ids(event({ roomId: '!z:hs.test', type: 'm.room.canonical_alias', stateKey: '' }));
    expect(await ids(event({ roomId: '!z:hs.test' }))).toEqual(['aliases']);
    expect(asked).toHaveLength(3);

    facts['!z:hs.test'] = { aliases: [], members: [] };
    now += 61_000;
    expect(await ids(event({ roomId: '!z:hs.test' }))).toEqual([]);
  });

  it('a remote namespace user who joins does not make the room interesting', async () => {
    await ids(event({ roomId: '!w:hs.test' }));
    await ids(
      event({ roomId: '!w:hs.test', type: 'm.room.member', stateKey: '@_u_1:elsewhere', membership: 'join' }),
    );
    expect(await ids(event({ roomId: '!w:hs.test' }))).toEqual([]);
  });

  it('forgets what it kept when the set of registrations changes', async () => {
    await interest.of(NO_DB, event({ roomId: '!v:hs.test' }), all);
    await interest.of(NO_DB, event({ roomId: '!v:hs.test' }), [...all]);
    expect(asked).toEqual(['!v:hs.test', '!v:hs.test']);
  });
});
