import { rmSync } from 'node:fs';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { Json } from '../support/http';
import { MatrixUser, Synced } from '../support/matrix-user';
import { freePort, selfSignedCertificateFiles } from '../support/network';

/**
 * client-server-api "Syncing" for a room joined over federation after an invite from another
 * server: the invite was kept as an outlier (this server was not in the room), so it is no part
 * of the room's timeline, and `state` gives the room's state as the join found it — an encrypted
 * room's m.room.encryption included, without which clients would send in the clear.
 */
describe('/sync of a room joined through an invite from another server', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-remote-invite-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let nameA: string;
  let alice: MatrixUser;
  let bob: MatrixUser;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    nameA = `localhost:${portA}`;
    [a, b] = await Promise.all([
      startFederatingHomeserver(portA, { certificate, key }),
      startFederatingHomeserver(portB, { certificate, key }),
    ]);
    [alice, bob] = await Promise.all([
      MatrixUser.register(a.baseUrl, 'alice'),
      MatrixUser.register(b.baseUrl, 'bob'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the room's state, not the invite, once the invitee has joined", async () => {
    const roomId = await alice.createRoom({
      preset: 'private_chat',
      initial_state: [
        { type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } },
      ],
    });
    await alice.membership(roomId, 'invite', bob.userId);
    const inRoom = (section: Synced['section'], match: (e: Json) => boolean) => (item: Synced) =>
      item.roomId === roomId && item.section === section && match(item.event);
    const ofBob = (membership: string) => (e: Json) =>
      e.type === 'm.room.member' && e.state_key === bob.userId && e.content.membership === membership;
    await bob.until('the invite', inRoom('invite', ofBob('invite')));
    await bob.join(roomId, [nameA]);

    // The incremental sync that brings the join: the room is new to the client.
    await bob.until('his join', inRoom('timeline', ofBob('join')));
    await bob.until(
      'the encryption state',
      inRoom('state', (e) => e.type === 'm.room.encryption'),
    );
    await bob.until(
      'the create event',
      inRoom('state', (e) => e.type === 'm.room.create'),
    );

    const joined = (await bob.ok('GET', '/sync')).rooms.join[roomId];
    const types = (events: Json[]) => events.map((e) => `${e.type}|${e.state_key ?? ''}`);
    expect(types(joined.state.events)).toEqual(
      expect.arrayContaining(['m.room.create|', 'm.room.encryption|', `m.room.member|${alice.userId}`]),
    );
    expect(joined.timeline.events.filter(ofBob('invite'))).toEqual([]);
  });
});
