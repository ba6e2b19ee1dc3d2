import { rmSync } from 'node:fs';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';
import { expectError, room, roomsClient, TestUser } from './rooms-client';

/**
 * modules/spaces.md "Server behaviour": "In the case where the server does not have access to the
 * state of a child room, it can request the information over federation with the GET /hierarchy
 * API". Two Switchboards federating over TLS on 127.0.0.1.
 */
describe('GET /hierarchy and /room_summary across two servers', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-spaces-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let nameA: string;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    nameA = `localhost:${portA}`;
    [a, b] = await Promise.all([
      startFederatingHomeserver(portA, { certificate, key }),
      startFederatingHomeserver(portB, { certificate, key }),
    ]);
    alice = await roomsClient(a).user('alice');
    bob = await roomsClient(b).user('bob');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("fills in children this server is not in from their server's /hierarchy", async () => {
    const ca = roomsClient(a);
    const spaceId = await ca.createRoom(alice, {
      preset: 'public_chat',
      name: 'Space',
      creation_content: { type: 'm.space' },
    });
    const open = await ca.createRoom(alice, { preset: 'public_chat', name: 'Open' });
    const closed = await ca.createRoom(alice, { preset: 'private_chat', name: 'Closed' });
    for (const child of [open, closed]) {
      const res = await alice.call(
        'PUT',
        `${room(spaceId)}/state/m.space.child/${encodeURIComponent(child)}`,
        {
          via: [nameA],
        },
      );
      expect(res.status).toBe(200);
    }
    const join = await bob.call(
      'POST',
      `/_matrix/client/v3/join/${encodeURIComponent(spaceId)}?server_name=${encodeURIComponent(nameA)}`,
      {},
    );
    expect(join.status).toBe(200);

    const res = await bob.call('GET', `/_matrix/client/v1/rooms/${encodeURIComponent(spaceId)}/hierarchy`);
    expect(res.status).toBe(200);
    const rooms = res.body.rooms as Record<string, unknown>[];
    expect(rooms.map((r) => r.room_id)).toEqual([spaceId, open]);
    expect(rooms[1]).toMatchObject({
      room_id: open,
      name: 'Open',
      join_rule: 'public',
      num_joined_members: 1,
    });

    const summary = await bob.call(
      'GET',
      `/_matrix/client/v1/room_summary/${encodeURIComponent(open)}?via=${encodeURIComponent(nameA)}`,
    );
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ room_id: open, name: 'Open', membership: 'leave' });
    expectError(
      await bob.call(
        'GET',
        `/_matrix/client/v1/room_summary/${encodeURIComponent(closed)}?via=${encodeURIComponent(nameA)}`,
      ),
      404,
      'M_NOT_FOUND',
    );
  });
});
