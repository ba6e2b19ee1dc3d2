import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from './http';
import { MatrixUser, Synced } from './matrix-user';
import { freePort } from './network';
import { until } from './until';

/** The bridge every acceptance run registers: its names on the server under test. */
export const BRIDGE = {
  serverName: 'test.local',
  id: 'acceptance-bridge',
  senderLocalpart: 'bridgebot',
  botUserId: '@bridgebot:test.local',
  usersRegex: '@_bridge_.*',
  aliasesRegex: '#_bridge_.*',
  ghost: '@_bridge_123:test.local',
  /** A ghost first looked up by its profile, not invited. */
  lookedUpGhost: '@_bridge_456:test.local',
  /** In the namespace, but the bridge answers that it does not exist. */
  strangerGhost: '@_bridge_stranger:test.local',
  portalAlias: '#_bridge_portal:test.local',
  portalName: 'Bridged portal',
} as const;

/** What the bridge answers when the server asks about a user: a display name to create it with, or none. */
export function ghostDisplayName(userId: string): string | undefined {
  if (userId === BRIDGE.strangerGhost) return undefined;
  return `Ghost ${userId.slice('@_bridge_'.length).split(':')[0]}`;
}

/** What a bridge written with one SDK exposes to the acceptance scenario. */
export interface BridgeUnderTest {
  /** Room events the homeserver pushed in transactions, in the order the SDK handed them over. */
  readonly events: Json[];
  /** Ephemeral events (m.typing, m.receipt) the homeserver pushed, as the SDK handed them over. */
  readonly ephemeral: Json[];
  /** User IDs the homeserver asked about (GET /_matrix/app/v1/users/{userId}). */
  readonly userQueries: string[];
  /** Aliases the homeserver asked about (GET /_matrix/app/v1/rooms/{roomAlias}). */
  readonly aliasQueries: string[];
  /** The SDK's bot client's GET /account/whoami, authenticated by the as_token alone. */
  whoami(): Promise<string>;
  /** Sends m.text as one of its users (`?user_id=`), joining first as the SDK does; the event ID. */
  sendText(asUserId: string, roomId: string, text: string): Promise<string>;
  stop(): Promise<void>;
}

export interface BridgeSdk {
  /** Writes the registration YAML into `dir` the SDK's way (receiving ephemeral events); its path. */
  writeRegistration(dir: string, url: string): Promise<string>;
  /** Starts the bridge on 127.0.0.1:`port` against the homeserver, from that registration. */
  start(homeserverUrl: string, registrationFile: string, port: number): Promise<BridgeUnderTest>;
}

const eventIn = (roomId: string, match: (event: Json) => boolean) => (item: Synced) =>
  item.roomId === roomId && item.section === 'timeline' && match(item.event);

/**
 * Issue #7's acceptance (application-service-api), run against a bridge written with an unmodified
 * SDK: Switchboard loads the registration YAML from `app_service_config_files`, and a human user,
 * over the client-server API, drives the bridge through everything a bridge relies on. The steps
 * build on each other, in order.
 */
export function describeAppserviceAcceptance(title: string, sdk: BridgeSdk): void {
  describe(title, () => {
    let dir: string;
    let hs: TestHomeserver;
    let bridge: BridgeUnderTest;
    let human: MatrixUser;
    let portalId: string;
    let ghostEventId: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'switchboard-appservice-'));
      const port = await freePort();
      const registration = await sdk.writeRegistration(dir, `http://127.0.0.1:${port}`);
      hs = await startTestHomeserver({
        server_name: BRIDGE.serverName,
        app_service_config_files: [registration],
      });
      bridge = await sdk.start(hs.baseUrl, registration, port);
      human = await MatrixUser.register(hs.baseUrl, 'human');
    }, 60000);

    afterAll(async () => {
      await bridge?.stop();
      await hs?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('registers through its YAML: its as_token authenticates it as its sender_localpart user', async () => {
      expect(await bridge.whoami()).toBe(BRIDGE.botUserId);
    });

    it('creates a ghost on demand through the user query when the human invites it', async () => {
      const roomId = await human.createRoom({ preset: 'private_chat' });
      await human.membership(roomId, 'invite', BRIDGE.ghost);
      expect(bridge.userQueries).toContain(BRIDGE.ghost);
      const profile = await human.ok('GET', `/profile/${encodeURIComponent(BRIDGE.ghost)}`);
      expect(profile.displayname).toBe(ghostDisplayName(BRIDGE.ghost));
    });

    it('creates a ghost through the user query when the human looks up its profile', async () => {
      const profile = await human.ok('GET', `/profile/${encodeURIComponent(BRIDGE.lookedUpGhost)}`);
      expect(bridge.userQueries).toContain(BRIDGE.lookedUpGhost);
      expect(profile.displayname).toBe(ghostDisplayName(BRIDGE.lookedUpGhost));
    });

    it('creates no ghost the bridge says does not exist', async () => {
      const res = await human.request('GET', `/profile/${encodeURIComponent(BRIDGE.strangerGhost)}`);
      expect(bridge.userQueries).toContain(BRIDGE.strangerGhost);
      expect(res).toEqual({ status: 404, body: expect.objectContaining({ errcode: 'M_NOT_FOUND' }) });
    });

    it('creates a portal room through the alias query when the human joins its alias', async () => {
      const joined = await human.ok('POST', `/join/${encodeURIComponent(BRIDGE.portalAlias)}`, {});
      portalId = joined.room_id;
      expect(bridge.aliasQueries).toContain(BRIDGE.portalAlias);
      const directory = await human.ok('GET', `/directory/room/${encodeURIComponent(BRIDGE.portalAlias)}`);
      expect(directory.room_id).toBe(portalId);
      const state: Json[] = await human.ok('GET', `/rooms/${encodeURIComponent(portalId)}/state`);
      expect(state.find((e) => e.type === 'm.room.create')?.sender).toBe(BRIDGE.botUserId);
      expect(state.find((e) => e.type === 'm.room.name')?.content.name).toBe(BRIDGE.portalName);
      const members = await human.ok('GET', `/rooms/${encodeURIComponent(portalId)}/joined_members`);
      expect(Object.keys(members.joined).sort()).toEqual([BRIDGE.botUserId, human.userId].sort());
    });

    it('receives every message the human sends in its portal, each once and in order', async () => {
      const sent: string[] = [];
      for (let i = 0; i < 20; i++) {
        sent.push(await human.send(portalId, 'm.room.message', { msgtype: 'm.text', body: `message ${i}` }));
      }
      const received = () =>
        bridge.events.filter(
          (e) => e.room_id === portalId && e.type === 'm.room.message' && e.sender === human.userId,
        );
      await until('the bridge to receive 20 messages', () => received().length >= 20, 30000);
      expect(received().map((e) => e.event_id)).toEqual(sent);
      expect(received().map((e) => e.content.body)).toEqual(sent.map((_, i) => `message ${i}`));
    });

    it('sends as its ghost with ?user_id=, and the human sees the message from the ghost', async () => {
      ghostEventId = await bridge.sendText(BRIDGE.ghost, portalId, 'hello from the bridged side');
      const { event } = await human.until(
        'the ghost message',
        eventIn(portalId, (e) => e.event_id === ghostEventId),
      );
      expect(event.sender).toBe(BRIDGE.ghost);
      expect(event.content).toEqual({ msgtype: 'm.text', body: 'hello from the bridged side' });
    });

    it('sees the human typing and reading the ghost message as ephemeral events', async () => {
      await human.typing(portalId, true);
      await human.receipt(portalId, ghostEventId);
      const typing = await until('m.typing at the bridge', () =>
        bridge.ephemeral.find(
          (e) =>
            e.type === 'm.typing' && e.room_id === portalId && e.content?.user_ids?.includes(human.userId),
        ),
      );
      expect(typing.content.user_ids).toEqual([human.userId]);
      const receipt = await until('m.receipt at the bridge', () =>
        bridge.ephemeral.find(
          (e) =>
            e.type === 'm.receipt' &&
            e.room_id === portalId &&
            e.content?.[ghostEventId]?.['m.read']?.[human.userId] !== undefined,
        ),
      );
      expect(typeof receipt.content[ghostEventId]['m.read'][human.userId].ts).toBe('number');
    });
  });
}
