import { rmSync } from 'node:fs';
import { FederationClient } from '@switchboard/federation';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Reply } from '../client-api/accounts-client';
import { expectError, room, roomsClient, TestUser, v3 } from '../client-api/rooms-client';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';

/** 200, or a failure that shows the error body. */
function expectOk(res: Reply): void {
  expect(res.status === 200 ? 200 : res).toBe(200);
}

type Sync = {
  next_batch: string;
  rooms?: {
    invite?: Record<string, { invite_state: { events: { type: string; state_key: string }[] } }>;
    leave?: Record<string, unknown>;
    join?: Record<string, unknown>;
  };
};

/**
 * Two Switchboards federating over TLS on 127.0.0.1 (server-server-api "Joining Rooms",
 * "Inviting to a room", "Leaving Rooms (Rejecting Invites)", "Querying for information",
 * "Public Room Directory"); clients talk plain HTTP to each.
 */
describe('room membership over federation between two Switchboards', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-membership-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let nameA: string;
  let clientA: ReturnType<typeof roomsClient>;
  let clientB: ReturnType<typeof roomsClient>;
  let alice: TestUser;

  const start = (federationPort: number) => startFederatingHomeserver(federationPort, { certificate, key });

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    nameA = `localhost:${portA}`;
    [a, b] = await Promise.all([start(portA), start(portB)]);
    clientA = roomsClient(a);
    clientB = roomsClient(b);
    alice = await clientA.user('alice');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const sync = async (user: TestUser, since?: string): Promise<Sync> => {
    const res = await user.call('GET', `${v3}/sync${since ? `?since=${since}&timeout=0` : ''}`);
    expectOk(res);
    return res.body as unknown as Sync;
  };

  /** The bodies of the room's newest messages as `user` reads them. */
  const messageBodies = async (user: TestUser, roomId: string): Promise<string[]> => {
    const res = await user.call('GET', `${room(roomId)}/messages?dir=b&limit=20`);
    return ((res.body.chunk ?? []) as { content: { body?: string } }[]).map((e) => e.content.body ?? '');
  };

  /** Federation delivers in the background: asks again (waiting on nothing but the answer) until `done`. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<void> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (done(await read())) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(done(await read())).toBe(true);
  };

  it('joins a room of the other server by its alias; the resident server lists the new member', async () => {
    const roomId = await clientA.createRoom(alice, { preset: 'public_chat', room_alias_name: 'pub' });
    const bob = await clientB.user('bob');
    const joined = await bob.call('POST', `${v3}/join/${encodeURIComponent(`#pub:${nameA}`)}`, {});
    expectOk(joined);
    expect(joined.body.room_id).toBe(roomId);

    const members = await alice.call('GET', `${room(roomId)}/members`);
    const memberships = (members.body.chunk as { state_key: string; content: { membership: string } }[]).map(
      (e) => [e.state_key, e.content.membership],
    );
    expect(memberships).toEqual(expect.arrayContaining([[bob.id, 'join']]));
    // B now holds the room's state as a room of its own.
    const onB = await clientB.state(bob, roomId);
    expect(onB.map((e) => e.type)).toEqual(expect.arrayContaining(['m.room.create', 'm.room.join_rules']));
    expect(onB.find((e) => e.type === 'm.room.member' && e.state_key === bob.id)?.content.membership).toBe(
      'join',
    );

    // The joined room is one of B's: its messages reach A, and A's reach B.
    const fromBob = await bob.call('PUT', `${room(roomId)}/send/m.room.message/t1`, {
      msgtype: 'm.text',
      body: 'hi from B',
    });
    expectOk(fromBob);
    await eventually(
      () => messageBodies(alice, roomId),
      (bodies) => bodies.includes('hi from B'),
    );
    expectOk(
      await alice.call('PUT', `${room(roomId)}/send/m.room.message/t1`, {
        msgtype: 'm.text',
        body: 'hi from A',
      }),
    );
    await eventually(
      () => messageBodies(bob, roomId),
      (bodies) => bodies.includes('hi from A'),
    );

    // A ban from the resident server reaches B: there too the user is banned, and (as on Synapse)
    // a banned user reads nothing of the room any more.
    expectOk(await alice.call('POST', `${room(roomId)}/ban`, { user_id: bob.id }));
    await eventually(
      () => bob.call('GET', `${room(roomId)}/state/m.room.member/${encodeURIComponent(bob.id)}`),
      (res) => res.status === 403 && res.body.errcode === 'M_FORBIDDEN',
    );
  });

  it("copies a remote member's tags to the upgraded room when they join it over federation", async () => {
    const oldRoom = await clientA.createRoom(alice, { preset: 'public_chat' });
    const carol = await clientB.user('carol');
    expectOk(
      await carol.call(
        'POST',
        `${v3}/join/${encodeURIComponent(oldRoom)}?server_name=${encodeURIComponent(nameA)}`,
        {},
      ),
    );
    const tagPath = (roomId: string) =>
      `${v3}/user/${encodeURIComponent(carol.id)}/rooms/${encodeURIComponent(roomId)}/tags`;
    expectOk(await carol.call('PUT', `${tagPath(oldRoom)}/work`, { order: 0.5 }));
    const upgraded = await alice.call('POST', `${room(oldRoom)}/upgrade`, { new_version: '10' });
    expectOk(upgraded);
    const newRoom = upgraded.body.replacement_room as string;
    const via = `?server_name=${encodeURIComponent(nameA)}`;
    expectOk(await carol.call('POST', `${v3}/join/${encodeURIComponent(newRoom)}${via}`, {}));
    expect((await carol.call('GET', tagPath(newRoom))).body).toEqual({ tags: { work: { order: 0.5 } } });
  });

  it('delivers an invite of a user of the other server to /sync, and lets them reject it', async () => {
    const roomId = await clientA.createRoom(alice, { preset: 'private_chat', name: 'Secret' });
    const carol = await clientB.user('carol');
    const before = await sync(carol);
    const invited = await alice.call('POST', `${room(roomId)}/invite`, { user_id: carol.id });
    expectOk(invited);

    const afterInvite = await sync(carol, before.next_batch);
    const invite = afterInvite.rooms?.invite?.[roomId];
    expect(invite).toBeDefined();
    expect(invite!.invite_state.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['m.room.create', 'm.room.name', 'm.room.join_rules', 'm.room.member']),
    );
    const onA = await clientA.state(alice, roomId);
    expect(onA.find((e) => e.state_key === carol.id)?.content.membership).toBe('invite');

    const rejected = await carol.call('POST', `${room(roomId)}/leave`, {});
    expectOk(rejected);
    const afterReject = await sync(carol, afterInvite.next_batch);
    expect(afterReject.rooms?.invite?.[roomId]).toBeUndefined();
    expect(afterReject.rooms?.leave?.[roomId]).toBeDefined();
    const full = await sync(carol);
    expect(full.rooms?.invite?.[roomId]).toBeUndefined();
    const onAAfter = await clientA.state(alice, roomId);
    expect(onAAfter.find((e) => e.state_key === carol.id)?.content.membership).toBe('leave');
  });

  it("knocks on a room of the other server; the knock shows in /sync with the room's state", async () => {
    const roomId = await clientA.createRoom(alice, {
      name: 'Knockable',
      initial_state: [{ type: 'm.room.join_rules', state_key: '', content: { join_rule: 'knock' } }],
    });
    const henry = await clientB.user('henry');
    const knocked = await henry.call('POST', `${v3}/knock/${encodeURIComponent(roomId)}?via=${nameA}`, {
      reason: 'let me in',
    });
    expectOk(knocked);
    const onA = await clientA.state(alice, roomId);
    expect(onA.find((e) => e.state_key === henry.id)?.content).toMatchObject({
      membership: 'knock',
      reason: 'let me in',
    });
    const synced = (await henry.call('GET', `${v3}/sync`)).body as {
      rooms?: { knock?: Record<string, { knock_state: { events: { type: string }[] } }> };
    };
    expect(synced.rooms?.knock?.[roomId]?.knock_state.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['m.room.create', 'm.room.name', 'm.room.join_rules', 'm.room.member']),
    );
  });

  it('refuses make_join to an invite-only room and to a banned user with 403', async () => {
    const privateRoom = await clientA.createRoom(alice, { preset: 'private_chat' });
    const dave = await clientB.user('dave');
    const refused = await dave.call('POST', `${v3}/join/${encodeURIComponent(privateRoom)}?via=${nameA}`, {});
    expectError(refused, 403, 'M_FORBIDDEN');

    const publicRoom = await clientA.createRoom(alice, { preset: 'public_chat' });
    const eve = await clientB.user('eve');
    expect((await alice.call('POST', `${room(publicRoom)}/ban`, { user_id: eve.id })).status).toBe(200);
    const banned = await eve.call(
      'POST',
      `${v3}/join/${encodeURIComponent(publicRoom)}?server_name=${nameA}`,
      {},
    );
    expectError(banned, 403, 'M_FORBIDDEN');
  });

  it('answers make_join with M_INCOMPATIBLE_ROOM_VERSION for a server without the room version', async () => {
    const roomId = await clientA.createRoom(alice, { preset: 'public_chat', room_version: '10' });
    const bobId = `@nobody:${b.config.server_name}`;
    await expect(
      b.app.get(FederationClient).request(nameA, {
        method: 'GET',
        path: `/_matrix/federation/v1/make_join/${encodeURIComponent(roomId)}/${encodeURIComponent(bobId)}?ver=1&ver=2`,
      }),
    ).rejects.toMatchObject({
      errcode: 'M_INCOMPATIBLE_ROOM_VERSION',
      status: 400,
      extra: { room_version: '10' },
    });
  });

  it("answers bad membership and query requests from another server with the spec's errors", async () => {
    const fed = b.app.get(FederationClient);
    const ask = (method: 'GET' | 'PUT', path: string, body?: object) =>
      fed.request(nameA, { method, path: `/_matrix/federation${path}`, body }).then(
        () => ({ status: 200, errcode: undefined }),
        (err: { status: number; errcode: string }) => ({ status: err.status, errcode: err.errcode }),
      );
    const ours = `@nobody:${b.config.server_name}`;
    const roomId = await clientA.createRoom(alice, { preset: 'public_chat' });
    expect(
      await ask(
        'GET',
        `/v1/make_join/${encodeURIComponent('!unknown:' + nameA)}/${encodeURIComponent(ours)}`,
      ),
    ).toEqual({
      status: 404,
      errcode: 'M_NOT_FOUND',
    });
    // Only the origin's own users may be joined through it.
    expect(
      await ask('GET', `/v1/make_join/${encodeURIComponent(roomId)}/${encodeURIComponent(alice.id)}`),
    ).toEqual({
      status: 403,
      errcode: 'M_FORBIDDEN',
    });
    const sendJoin = `/v2/send_join/${encodeURIComponent(roomId)}/${encodeURIComponent('$nothing')}`;
    expect(await ask('PUT', sendJoin, { type: 'm.room.member' })).toEqual({
      status: 400,
      errcode: 'M_BAD_JSON',
    });
    expect(
      await ask('GET', `/v1/query/directory?room_alias=${encodeURIComponent('#none:' + nameA)}`),
    ).toEqual({
      status: 404,
      errcode: 'M_NOT_FOUND',
    });
    expect(await ask('GET', `/v1/query/profile?user_id=${encodeURIComponent('@ghost:' + nameA)}`)).toEqual({
      status: 404,
      errcode: 'M_NOT_FOUND',
    });
    expect(await ask('GET', `/v1/query/profile?user_id=${encodeURIComponent(alice.id)}&field=bogus`)).toEqual(
      {
        status: 400,
        errcode: 'M_INVALID_PARAM',
      },
    );
  });

  it('resolves the other server\'s aliases and profiles over federation ("Querying for information")', async () => {
    const roomId = await clientA.createRoom(alice, { room_alias_name: 'queried' });
    const frank = await clientB.user('frank');
    const resolved = await frank.call(
      'GET',
      `${v3}/directory/room/${encodeURIComponent(`#queried:${nameA}`)}`,
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toEqual({ room_id: roomId, servers: [nameA] });
    const missing = await frank.call(
      'GET',
      `${v3}/directory/room/${encodeURIComponent(`#nothing:${nameA}`)}`,
    );
    expectError(missing, 404, 'M_NOT_FOUND');

    await alice.call('PUT', `${v3}/profile/${encodeURIComponent(alice.id)}/displayname`, {
      displayname: 'Alice A',
    });
    const profile = await frank.call('GET', `${v3}/profile/${encodeURIComponent(alice.id)}`);
    expect(profile.status).toBe(200);
    expect(profile.body.displayname).toBe('Alice A');
    const field = await frank.call('GET', `${v3}/profile/${encodeURIComponent(alice.id)}/displayname`);
    expect(field.body).toEqual({ displayname: 'Alice A' });
  });

  it('lists the other server\'s published rooms ("Public Room Directory")', async () => {
    const roomId = await clientA.createRoom(alice, { visibility: 'public', name: 'Listed' });
    const grace = await clientB.user('grace');
    const listed = await grace.call('GET', `${v3}/publicRooms?server=${encodeURIComponent(nameA)}`);
    expect(listed.status).toBe(200);
    expect(
      (listed.body.chunk as { room_id: string; name?: string }[]).find((c) => c.room_id === roomId),
    ).toMatchObject({
      name: 'Listed',
    });
    const searched = await grace.call('POST', `${v3}/publicRooms?server=${encodeURIComponent(nameA)}`, {
      filter: { generic_search_term: 'listed' },
    });
    expect(searched.status).toBe(200);
    expect((searched.body.chunk as { room_id: string }[]).map((c) => c.room_id)).toEqual([roomId]);
  });
});
