import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatrixClient, MatrixEvent } from 'matrix-js-sdk';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord';
import {
  bridgeConnected,
  DISCORD,
  discordGhost,
  seedFakeDiscord,
  writeDiscordYaml,
} from '../support/discord-bridge';
import { loadSdk, Sdk, sdkUser } from '../support/js-sdk-user';
import { until } from '../support/until';

/**
 * The built-in Discord bridge end to end: discord.js (unmodified) against the fake Discord on one
 * side, a matrix-js-sdk user on the other, the homeserver running the bridge from bridges_dir.
 */
const { channel: CHANNEL, bob: BOB } = DISCORD;
const ghost = discordGhost;

describe('Discord bridge end to end', () => {
  let sdk: Sdk;
  let fake: FakeDiscord;
  let hs: TestHomeserver;
  let dir: string;
  let alice: MatrixClient;
  let roomId: string;

  const timeline = (): MatrixEvent[] => alice.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [];
  const fromGhost = (body: string) =>
    timeline().find((e) => e.getSender() === ghost(BOB) && e.getContent().body === body);
  const webhookPosts = () =>
    fake.calls.filter((c) => c.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(c.path));
  const posted = (text: string) =>
    webhookPosts().find((c) => JSON.stringify(c.json ?? c.multipart?.payload_json ?? {}).includes(text));

  beforeAll(async () => {
    sdk = await loadSdk();
    fake = await startFakeDiscord();
    seedFakeDiscord(fake);
    dir = await writeDiscordYaml(await mkdtemp(join(tmpdir(), 'switchboard-discord-')), fake);
    hs = await startTestHomeserver({ bridges_dir: dir });
    await bridgeConnected(hs.baseUrl, until);
    alice = await sdkUser(sdk, hs.baseUrl, 'alice');
    const alias = `#discord_${CHANNEL}:test.local`;
    ({ room_id: roomId } = await until('the portal room', () =>
      alice.getRoomIdForAlias(alias).catch(() => null),
    ));
    await alice.joinRoom(roomId);
  }, 90000);

  afterAll(async () => {
    alice?.stopClient();
    await hs?.stop();
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the bridge as CONNECTED in /health and the guild as a space holding the portal', async () => {
    const health = (await (await fetch(`${hs.baseUrl}/health`)).json()) as { bridges: object[] };
    expect(health.bridges).toEqual([expect.objectContaining({ id: 'discord', state: 'CONNECTED' })]);
    const parents = await alice.roomState(roomId).then((s) => s.filter((e) => e.type === 'm.space.parent'));
    expect(parents).toHaveLength(1);
    const bridgeState = (await alice.roomState(roomId)).find((e) => e.type === 'm.bridge');
    expect(bridgeState?.content).toMatchObject({ protocol: { id: 'discord' }, channel: { id: CHANNEL } });
  });

  it('Discord -> Matrix: markdown and mentions from the ghost, with its name', async () => {
    fake.userSays(CHANNEL, BOB, '**hello** from <@' + BOB + '> @everyone');
    const event = await until('the message in Matrix', () =>
      timeline().find((e) => e.getSender() === ghost(BOB) && String(e.getContent().body).includes('hello')),
    );
    expect(event.getContent().formatted_body).toContain('<strong>hello</strong>');
    expect(event.getContent().formatted_body).toContain(`https://matrix.to/#/${ghost(BOB)}`);
    expect(event.getContent()['m.mentions']).toMatchObject({ user_ids: [ghost(BOB)], room: true });
    const member = alice.getRoom(roomId)?.getMember(ghost(BOB));
    expect(member?.name).toBe('bob (Discord)');
  });

  it('Discord -> Matrix: a reply, an edit, a reaction and a delete', async () => {
    const original = fake.userSays(CHANNEL, BOB, 'first version') as { id: string };
    const first = await until('the original', () => fromGhost('first version'));
    fake.userSays(CHANNEL, BOB, 'a reply', { referencedMessageId: original.id });
    const reply = await until('the reply', () => fromGhost('a reply'));
    expect(reply.getContent()['m.relates_to']).toMatchObject({
      'm.in_reply_to': { event_id: first.getId() },
    });

    fake.editMessage(CHANNEL, original.id, 'second version');
    const edit = await until('the edit', () =>
      timeline().find((e) => e.getContent()['m.relates_to']?.rel_type === 'm.replace'),
    );
    expect(edit.getContent()['m.new_content']).toMatchObject({ body: 'second version' });

    fake.react(CHANNEL, original.id, BOB, '👍');
    await until('the reaction', () =>
      timeline().find((e) => e.getType() === 'm.reaction' && e.getContent()['m.relates_to']?.key === '👍'),
    );
    fake.deleteMessage(CHANNEL, original.id);
    await until(
      'the redaction',
      () => first.isRedacted() || alice.getRoom(roomId)?.findEventById(first.getId()!)?.isRedacted(),
    );
  });

  it('Matrix -> Discord: through the channel webhook with the sender name; edits, reactions and deletes', async () => {
    await alice.setDisplayName('Alice A');
    const { event_id: sent } = await alice.sendTextMessage(roomId, 'hello discord');
    const call = await until('the webhook post', () => posted('hello discord'));
    expect(call.json).toMatchObject({
      content: 'hello discord',
      username: expect.stringContaining('Alice A'),
    });
    const discordMessage = await until<{ id: string }>(
      'the message in Discord',
      () => fake.messages(CHANNEL).find((m) => m.content === 'hello discord') as { id: string } | undefined,
    );

    await alice.sendEvent(roomId, sdk.EventType.RoomMessage, {
      msgtype: sdk.MsgType.Text,
      body: '* hello again',
      'm.new_content': { msgtype: sdk.MsgType.Text, body: 'hello again' },
      'm.relates_to': { rel_type: sdk.RelationType.Replace, event_id: sent },
    });
    await until('the webhook edit', () =>
      fake.calls.find((c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${discordMessage.id}`)),
    );

    const bobsMessage = fake.userSays(CHANNEL, BOB, 'react to me') as { id: string };
    const bobsEvent = await until('bob message', () => fromGhost('react to me'));
    await alice.sendEvent(roomId, sdk.EventType.Reaction, {
      'm.relates_to': { rel_type: sdk.RelationType.Annotation, event_id: bobsEvent.getId()!, key: '🎉' },
    });
    await until('the reaction in Discord', () =>
      fake.calls.find(
        (c) =>
          c.method === 'PUT' &&
          c.path.includes(`/messages/${bobsMessage.id}/reactions/`) &&
          c.path.endsWith('/@me'),
      ),
    );

    await alice.redactEvent(roomId, sent);
    await until('the delete in Discord', () =>
      fake.calls.find((c) => c.method === 'DELETE' && c.path.endsWith(`/messages/${discordMessage.id}`)),
    );
  });

  it('Matrix -> Discord: a mention of a ghost becomes a Discord mention', async () => {
    await alice.sendMessage(roomId, {
      msgtype: sdk.MsgType.Text,
      body: 'bob: ping',
      format: 'org.matrix.custom.html',
      formatted_body: `<a href="https://matrix.to/#/${ghost(BOB)}">bob</a>: ping`,
      'm.mentions': { user_ids: [ghost(BOB)] },
    });
    const call = await until('the post', () => posted('ping'));
    expect((call.json as { content: string }).content).toBe(`<@${BOB}>: ping`);
  });

  it('waits out a 429 with retry_after and retries a 500', async () => {
    fake.failNext(/\/webhooks\//, 1, { status: 429, retryAfter: 0.3 });
    await alice.sendTextMessage(roomId, 'after a rate limit');
    await until('delivered after the 429', () =>
      fake.messages(CHANNEL).find((m) => m.content === 'after a rate limit'),
    );
    fake.failNext(/\/webhooks\//, 2, { status: 500 });
    await alice.sendTextMessage(roomId, 'after a 500');
    await until(
      'delivered after the 500s',
      () => fake.messages(CHANNEL).find((m) => m.content === 'after a 500'),
      30000,
    );
    expect(fake.messages(CHANNEL).filter((m) => m.content === 'after a 500')).toHaveLength(1);
  });

  it('Discord -> Matrix: an image attachment is uploaded to the media repository', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    fake.userSays(CHANNEL, BOB, 'a picture', {
      attachments: [{ filename: 'dot.png', data: png, contentType: 'image/png' }],
    });
    const image = await until('the image in Matrix', () =>
      timeline().find((e) => e.getSender() === ghost(BOB) && e.getContent().msgtype === 'm.image'),
    );
    const mxc = String(image.getContent().url);
    expect(mxc).toMatch(/^mxc:\/\/test\.local\//);
    const media = await fetch(
      `${hs.baseUrl}/_matrix/client/v1/media/download/${mxc.slice('mxc://'.length)}`,
      {
        headers: { authorization: `Bearer ${alice.getAccessToken()}` },
      },
    );
    expect(Buffer.from(await media.arrayBuffer())).toEqual(png);
  });

  it('Matrix -> Discord: a file is uploaded to Discord with the message', async () => {
    const { content_uri: mxc } = await alice.uploadContent(Buffer.from('hello file'), {
      name: 'notes.txt',
      type: 'text/plain',
    });
    await alice.sendMessage(roomId, { msgtype: sdk.MsgType.File, body: 'notes.txt', url: mxc });
    const call = await until('the upload', () =>
      webhookPosts().find((c) => c.multipart?.files.some((f) => f.filename === 'notes.txt')),
    );
    expect(call.multipart!.files.find((f) => f.filename === 'notes.txt')!.data.toString()).toBe('hello file');
  });

  it('Discord -> Matrix: typing and a member nickname change', async () => {
    fake.typing(CHANNEL, BOB);
    await until('bob typing in Matrix', () => alice.getRoom(roomId)?.getMember(ghost(BOB))?.typing);
    fake.memberUpdate(DISCORD.guild, BOB, { nick: 'Bobby' });
    await until('the per-room name', () =>
      alice.getRoom(roomId)?.getMember(ghost(BOB))?.name.includes('Bobby'),
    );
  });

  it('answers commands in a direct chat with the bridge bot', async () => {
    const { room_id: dm } = await alice.createRoom({
      is_direct: true,
      invite: ['@discordbot:test.local'],
      preset: sdk.Preset.TrustedPrivateChat,
    });
    await until(
      'the bot joins',
      () => alice.getRoom(dm)?.getMember('@discordbot:test.local')?.membership === 'join',
    );
    await alice.sendTextMessage(dm, 'list');
    const answer = await until('the answer', () =>
      alice
        .getRoom(dm)
        ?.getLiveTimeline()
        .getEvents()
        .find(
          (e) =>
            e.getSender() === '@discordbot:test.local' &&
            e.getContent().msgtype === 'm.notice' &&
            String(e.getContent().body).includes(CHANNEL),
        ),
    );
    expect(String(answer.getContent().body)).toContain('general');
  });

  it('Discord -> Matrix: a DM to the bot becomes a DM portal the configured users are invited to', async () => {
    fake.userSays(DISCORD.dm, BOB, 'psst, bridge');
    const dm = await until('the DM invite', () =>
      alice.getRooms().find((r) => r.getMyMembership() === 'invite'),
    );
    await alice.joinRoom(dm.roomId);
    await until('the DM message', () =>
      alice
        .getRoom(dm.roomId)
        ?.getLiveTimeline()
        .getEvents()
        .find((e) => e.getSender() === ghost(BOB) && e.getContent().body === 'psst, bridge'),
    );
    await alice.sendTextMessage(dm.roomId, 'hello from matrix');
    await until('the answer in the DM', () =>
      fake.messages(DISCORD.dm).find((m) => String(m.content).includes('hello from matrix')),
    );
  });
});
