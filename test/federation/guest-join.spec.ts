import { rmSync } from 'node:fs';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from '../client-api/rooms-client';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { freePort, selfSignedCertificateFiles } from '../support/network';

/**
 * modules/guest_access over federation: a guest of one Switchboard joins a room of another only
 * when the room's m.room.guest_access is can_join; the room's server, which knows it, decides.
 */
describe('a guest joining a room of another server', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-guest-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let clientA: ReturnType<typeof roomsClient>;
  let clientB: ReturnType<typeof roomsClient>;
  let alice: TestUser;

  const start = (federationPort: number) =>
    startFederatingHomeserver(
      federationPort,
      { certificate, key },
      {
        registration: { enabled: true, require_token: false, allow_guest_access: true, shared_secret: null },
      },
    );

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([start(portA), start(portB)]);
    clientA = roomsClient(a);
    clientB = roomsClient(b);
    alice = await clientA.user('alice');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const guestOfB = async () => {
    const res = await clientB.call('POST', `${v3}/register?kind=guest`, {});
    expect(res.status).toBe(200);
    const token = res.body.access_token as string;
    return {
      id: res.body.user_id as string,
      call: (method: string, path: string, body?: unknown) => clientB.call(method, path, body, token),
    };
  };

  /** An invite-only room of A with the given guest_access, the guest of B invited. */
  async function invitedTo(guestAccess: string, guestId: string): Promise<string> {
    const roomId = await clientA.createRoom(alice, { preset: 'private_chat' });
    const set = await alice.call('PUT', `${room(roomId)}/state/m.room.guest_access/`, {
      guest_access: guestAccess,
    });
    expect(set.status).toBe(200);
    expect((await alice.call('POST', `${room(roomId)}/invite`, { user_id: guestId })).status).toBe(200);
    return roomId;
  }

  const membershipOnA = async (roomId: string, userId: string) =>
    (await alice.call('GET', `${room(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`)).body
      .membership;

  it('is refused with 403 M_FORBIDDEN when guest access is forbidden, even when invited', async () => {
    const guest = await guestOfB();
    const roomId = await invitedTo('forbidden', guest.id);
    expectError(await guest.call('POST', `${room(roomId)}/join`, {}), 403, 'M_FORBIDDEN');
    expect(await membershipOnA(roomId, guest.id)).toBe('invite');
  });

  it('joins when guests can_join, marked as a guest', async () => {
    const guest = await guestOfB();
    const roomId = await invitedTo('can_join', guest.id);
    expect((await guest.call('POST', `${room(roomId)}/join`, {})).body).toEqual({ room_id: roomId });
    const member = await alice.call(
      'GET',
      `${room(roomId)}/state/m.room.member/${encodeURIComponent(guest.id)}`,
    );
    expect(member.body).toMatchObject({ membership: 'join', kind: 'guest' });
  });
});
