import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederatingProcess } from '../support/federating-process';
import { buildHomeserver } from '../support/homeserver-process';
import { Json } from '../support/http';
import { MatrixUser, Synced } from '../support/matrix-user';
import { selfSignedCertificateFiles } from '../support/network';

/** A sync item: this event, in this room, in the timeline (or wherever `section` says). */
const eventIn =
  (roomId: string, match: (event: Json) => boolean, section: Synced['section'] = 'timeline') =>
  (item: Synced) =>
    item.roomId === roomId && item.section === section && match(item.event);

const byId = (roomId: string, eventId: string) => eventIn(roomId, (e) => e.event_id === eventId);

const memberEvent = (
  roomId: string,
  userId: string,
  membership: string,
  section: Synced['section'] = 'timeline',
) =>
  eventIn(
    roomId,
    (e) => e.type === 'm.room.member' && e.state_key === userId && e.content.membership === membership,
    section,
  );

const text = (body: string) => ({ msgtype: 'm.text', body });

/**
 * Federation acceptance (server-server-api): two Switchboards as separate processes, each from its
 * own config file, with its own database, serving federation over TLS on 127.0.0.1. Everything is
 * observed through the other server's client API, the way a user there would see it.
 */
describe('two Switchboard processes federating', () => {
  const tls = selfSignedCertificateFiles('switchboard-two-servers-tls-');
  let dir: string;
  let build: Awaited<ReturnType<typeof buildHomeserver>>;
  let a: FederatingProcess;
  let b: FederatingProcess;
  /** alice and carol are on A, bob and dave on B. */
  const users = {} as Record<'alice' | 'carol' | 'bob' | 'dave', MatrixUser>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-two-servers-'));
    build = await buildHomeserver();
    [a, b] = await Promise.all([
      FederatingProcess.create(build.main, join(dir, 'a'), tls),
      FederatingProcess.create(build.main, join(dir, 'b'), tls),
    ]);
    await Promise.all([a.start(), b.start()]);
    [users.alice, users.carol, users.bob, users.dave] = await Promise.all([
      MatrixUser.register(a.baseUrl, 'alice'),
      MatrixUser.register(a.baseUrl, 'carol'),
      MatrixUser.register(b.baseUrl, 'bob'),
      MatrixUser.register(b.baseUrl, 'dave'),
    ]);
  }, 60000);

  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await build?.remove();
    await rm(dir, { recursive: true, force: true });
    await rm(tls.dir, { recursive: true, force: true });
  });

  /**
   * A room created on H by `host`; `guest` of the other server G joins it. `host2` (on H) and
   * `guest2` (on G) come in by invitation, and are then kicked and banned by the other server's user.
   */
  describe.each([
    ['A', 'alice', 'carol', 'bob', 'dave'],
    ['B', 'bob', 'dave', 'alice', 'carol'],
  ] as const)('in a room created on %s', (home, hostName, host2Name, guestName, guest2Name) => {
    let host: MatrixUser;
    let host2: MatrixUser;
    let guest: MatrixUser;
    let guest2: MatrixUser;
    let roomId: string;
    let hostMessage: string;
    let guestMessage: string;
    const homeServer = () => (home === 'A' ? a : b).serverName;

    beforeAll(() => {
      [host, host2, guest, guest2] = [users[hostName], users[host2Name], users[guestName], users[guest2Name]];
    });

    it('a user of the other server joins it', async () => {
      roomId = await host.createRoom({
        preset: 'public_chat',
        // Room version 12 gives its creator unlimited power and forbids listing it (room-v12).
        power_level_content_override: { users: { [guest.userId]: 100 } },
      });
      await guest.join(roomId, [homeServer()]);
      await host.until('the guest join', memberEvent(roomId, guest.userId, 'join'));
      await guest.until('its own join', memberEvent(roomId, guest.userId, 'join'));
    });

    it('carries messages both ways', async () => {
      hostMessage = await host.send(roomId, 'm.room.message', text('hello from home'));
      await guest.until('the host message', byId(roomId, hostMessage));
      guestMessage = await guest.send(roomId, 'm.room.message', text('hello from away'));
      await host.until('the guest message', byId(roomId, guestMessage));
    });

    it('carries edits (m.replace) both ways', async () => {
      const edit = (target: string, body: string) => ({
        ...text(`* ${body}`),
        'm.new_content': text(body),
        'm.relates_to': { rel_type: 'm.replace', event_id: target },
      });
      const isEditOf = (target: string, body: string) =>
        eventIn(
          roomId,
          (e) =>
            e.content['m.relates_to']?.rel_type === 'm.replace' &&
            e.content['m.relates_to']?.event_id === target &&
            e.content['m.new_content']?.body === body,
        );
      await guest.send(roomId, 'm.room.message', edit(guestMessage, 'edited away'));
      await host.until('the guest edit', isEditOf(guestMessage, 'edited away'));
      await host.send(roomId, 'm.room.message', edit(hostMessage, 'edited home'));
      await guest.until('the host edit', isEditOf(hostMessage, 'edited home'));
    });

    it('carries reactions (m.annotation) both ways', async () => {
      const react = (target: string, key: string) => ({
        'm.relates_to': { rel_type: 'm.annotation', event_id: target, key },
      });
      const isReaction = (target: string, key: string) =>
        eventIn(
          roomId,
          (e) =>
            e.type === 'm.reaction' &&
            e.content['m.relates_to']?.event_id === target &&
            e.content['m.relates_to']?.key === key,
        );
      await host.send(roomId, 'm.reaction', react(guestMessage, '👍'));
      await guest.until('the host reaction', isReaction(guestMessage, '👍'));
      await guest.send(roomId, 'm.reaction', react(hostMessage, '🎉'));
      await host.until('the guest reaction', isReaction(hostMessage, '🎉'));
    });

    it('carries state changes (name, topic) both ways', async () => {
      const isState = (type: string, key: string, value: string) =>
        eventIn(roomId, (e) => e.type === type && e.state_key === '' && e.content[key] === value);
      await host.state(roomId, 'm.room.name', '', { name: `Room on ${home}` });
      await guest.until('the new name', isState('m.room.name', 'name', `Room on ${home}`));
      await guest.state(roomId, 'm.room.topic', '', { topic: 'set from away' });
      await host.until('the new topic', isState('m.room.topic', 'topic', 'set from away'));
    });

    it('carries typing both ways', async () => {
      const typingOf = (userId: string) =>
        eventIn(roomId, (e) => e.type === 'm.typing' && e.content.user_ids.includes(userId), 'ephemeral');
      await guest.typing(roomId, true);
      await host.until('the guest typing', typingOf(guest.userId));
      await host.typing(roomId, true);
      await guest.until('the host typing', typingOf(host.userId));
    });

    it('carries read receipts both ways', async () => {
      const receiptOf = (userId: string, eventId: string) =>
        eventIn(
          roomId,
          (e) => e.type === 'm.receipt' && e.content[eventId]?.['m.read']?.[userId] !== undefined,
          'ephemeral',
        );
      await guest.receipt(roomId, hostMessage);
      await host.until('the guest receipt', receiptOf(guest.userId, hostMessage));
      await host.receipt(roomId, guestMessage);
      await guest.until('the host receipt', receiptOf(host.userId, guestMessage));
    });

    it('carries invites both ways, and the invited join', async () => {
      await host.membership(roomId, 'invite', guest2.userId);
      await guest2.until('its invite', memberEvent(roomId, guest2.userId, 'invite', 'invite'));
      await guest.membership(roomId, 'invite', host2.userId);
      await host2.until('its invite', memberEvent(roomId, host2.userId, 'invite', 'invite'));
      await host.until('the invite of host2', memberEvent(roomId, host2.userId, 'invite'));

      await guest2.join(roomId, [homeServer()]);
      await host2.join(roomId);
      await host.until('the join of guest2', memberEvent(roomId, guest2.userId, 'join'));
      await guest.until('the join of host2', memberEvent(roomId, host2.userId, 'join'));
    });

    it('carries kicks both ways', async () => {
      await host.membership(roomId, 'kick', guest2.userId);
      await guest.until('the kick of guest2', memberEvent(roomId, guest2.userId, 'leave'));
      await guest2.until('its own kick', memberEvent(roomId, guest2.userId, 'leave', 'leave'));
      await guest.membership(roomId, 'kick', host2.userId);
      await host.until('the kick of host2', memberEvent(roomId, host2.userId, 'leave'));
    });

    it('carries bans both ways', async () => {
      await host.membership(roomId, 'ban', guest2.userId);
      await guest.until('the ban of guest2', memberEvent(roomId, guest2.userId, 'ban'));
      await guest.membership(roomId, 'ban', host2.userId);
      await host.until('the ban of host2', memberEvent(roomId, host2.userId, 'ban'));
    });

    it('carries the guest leaving', async () => {
      await guest.membership(roomId, 'leave');
      await host.until('the guest leave', memberEvent(roomId, guest.userId, 'leave'));
    });
  });

  it('delivers 200 messages sent while B was down, in order, within 30 s of its restart', async () => {
    const { alice, bob } = users;
    const roomId = await alice.createRoom({ preset: 'public_chat' });
    await bob.join(roomId, [a.serverName]);
    await alice.until('bob in the outage room', memberEvent(roomId, bob.userId, 'join'));

    await b.kill();
    const sent: string[] = [];
    for (let i = 0; i < 200; i++) sent.push(await alice.send(roomId, 'm.room.message', text(`m${i}`)));

    await b.start();
    const restarted = Date.now();
    let received: string[] = [];
    while (Date.now() - restarted < 30000) {
      const page = await bob.messages(roomId, { dir: 'b', limit: 300 });
      received = (page.chunk as Json[])
        .filter((e) => e.type === 'm.room.message')
        .map((e) => e.event_id)
        .reverse();
      if (received.length >= sent.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(received).toEqual(sent);
  }, 60000);
});
