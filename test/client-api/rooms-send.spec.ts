import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('client-server-api "Sending events to a room" and "Redactions"', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
    [alice, bob] = [await api.user('alice'), await api.user('bob')];
    roomId = await api.createRoom(alice, { preset: 'public_chat', room_alias_name: 'talk' });
    await bob.call('POST', `${room(roomId)}/join`);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const message = (body: string) => ({ msgtype: 'm.text', body });
  const event = (user: TestUser, eventId: string) =>
    user.call('GET', `${room(roomId)}/event/${encodeURIComponent(eventId)}`);

  describe('PUT /rooms/{roomId}/send/{eventType}/{txnId}', () => {
    it('sends a message event that GET /event serves with the transaction ID to its device only', async () => {
      const sent = await bob.call('PUT', `${room(roomId)}/send/m.room.message/txn-a`, message('hello'));
      expect(sent).toEqual({ status: 200, body: { event_id: expect.stringMatching(/^\$/) } });
      const mine = await event(bob, sent.body.event_id as string);
      expect(mine.body).toEqual({
        content: message('hello'),
        event_id: sent.body.event_id,
        origin_server_ts: expect.any(Number),
        room_id: roomId,
        sender: bob.id,
        type: 'm.room.message',
        unsigned: { age: expect.any(Number), transaction_id: 'txn-a' },
      });
      expect((await event(alice, sent.body.event_id as string)).body.unsigned).toEqual({
        age: expect.any(Number),
      });
    });

    it('is idempotent per device and transaction ID; another device sends anew', async () => {
      const first = await bob.call('PUT', `${room(roomId)}/send/m.room.message/same`, message('once'));
      const again = await bob.call('PUT', `${room(roomId)}/send/m.room.message/same`, message('once'));
      expect(again.body.event_id).toBe(first.body.event_id);
      const otherDevice = await client(hs).login(bob.id, 'correct horse');
      const other = await client(hs).call(
        'PUT',
        `${room(roomId)}/send/m.room.message/same`,
        message('once'),
        otherDevice.body.access_token as string,
      );
      expect(other.status).toBe(200);
      expect(other.body.event_id).not.toBe(first.body.event_id);
    });

    it('refuses bad bodies, unknown rooms and non-members', async () => {
      expectError(
        await bob.call('PUT', `${room(roomId)}/send/m.room.message/b1`, '{nope'),
        400,
        'M_NOT_JSON',
      );
      expectError(
        await bob.call('PUT', `${room(roomId)}/send/m.room.message/b2`, '"text"'),
        400,
        'M_BAD_JSON',
      );
      expectError(
        await bob.call('PUT', `${room('!nope:test.local')}/send/m.room.message/b3`, message('x')),
        404,
        'M_NOT_FOUND',
      );
      expectError(
        await bob.call('PUT', `${room('nope')}/send/m.room.message/b4`, message('x')),
        400,
        'M_INVALID_PARAM',
      );
      const carol = await api.user('carol');
      expectError(
        await carol.call('PUT', `${room(roomId)}/send/m.room.message/b5`, message('x')),
        403,
        'M_FORBIDDEN',
      );
      expectError(
        await api.call('PUT', `${room(roomId)}/send/m.room.message/b6`, message('x')),
        401,
        'M_MISSING_TOKEN',
      );
    });
  });

  describe('PUT /rooms/{roomId}/state/{eventType}/{stateKey}', () => {
    it('sets state with and without the trailing slash of an empty state key, and with a key', async () => {
      const a = await alice.call('PUT', `${room(roomId)}/state/m.room.topic/`, { topic: 'one' });
      expect(a).toEqual({ status: 200, body: { event_id: expect.any(String) } });
      expect((await alice.call('GET', `${room(roomId)}/state/m.room.topic`)).body).toEqual({ topic: 'one' });
      const b = await alice.call('PUT', `${room(roomId)}/state/m.room.topic`, { topic: 'two' });
      expect(b.body.event_id).not.toBe(a.body.event_id);
      expect((await alice.call('GET', `${room(roomId)}/state/m.room.topic/`)).body).toEqual({ topic: 'two' });
      const keyed = await bob.call(
        'PUT',
        `${room(roomId)}/state/org.example.pet/${encodeURIComponent(bob.id)}`,
        { pet: 'cat' },
      );
      expectError(keyed, 403, 'M_FORBIDDEN');
      await alice.call('PUT', `${room(roomId)}/state/org.example.pet/${encodeURIComponent(alice.id)}`, {
        pet: 'dog',
      });
      const pet = await bob.call(
        'GET',
        `${room(roomId)}/state/org.example.pet/${encodeURIComponent(alice.id)}?format=event`,
      );
      expect(pet.body).toMatchObject({
        type: 'org.example.pet',
        state_key: alice.id,
        sender: alice.id,
        content: { pet: 'dog' },
      });
    });

    it('setting the same content again returns the same event', async () => {
      const a = await alice.call('PUT', `${room(roomId)}/state/m.room.name/`, { name: 'Same' });
      const b = await alice.call('PUT', `${room(roomId)}/state/m.room.name/`, { name: 'Same' });
      expect(b.body.event_id).toBe(a.body.event_id);
    });

    it('403 M_FORBIDDEN for a user without the power to send state', async () => {
      expectError(
        await bob.call('PUT', `${room(roomId)}/state/m.room.name/`, { name: 'Mine' }),
        403,
        'M_FORBIDDEN',
      );
      expectError(
        await bob.call('PUT', `${room(roomId)}/state/m.room.power_levels/`, { users: { [bob.id]: 100 } }),
        403,
        'M_FORBIDDEN',
      );
    });

    it('membership through the state endpoint follows the same rules', async () => {
      const carol = await api.user('carol');
      const put = await carol.call(
        'PUT',
        `${room(roomId)}/state/m.room.member/${encodeURIComponent(carol.id)}`,
        { membership: 'join' },
      );
      expect(put.status).toBe(200);
      expectError(
        await carol.call('PUT', `${room(roomId)}/state/m.room.member/${encodeURIComponent(bob.id)}`, {
          membership: 'leave',
        }),
        403,
        'M_FORBIDDEN',
      );
    });

    it('m.room.canonical_alias: new aliases must be valid (M_INVALID_PARAM) and point here (M_BAD_ALIAS)', async () => {
      const other = await api.createRoom(alice, { room_alias_name: 'elsewhere' });
      const path = `${room(roomId)}/state/m.room.canonical_alias/`;
      expectError(await alice.call('PUT', path, { alias: 'no-sigil' }), 400, 'M_INVALID_PARAM');
      expectError(await alice.call('PUT', path, { alt_aliases: 'x' }), 400, 'M_INVALID_PARAM');
      expectError(
        await alice.call('PUT', path, { alias: `#elsewhere:${hs.config.server_name}` }),
        400,
        'M_BAD_ALIAS',
      );
      expectError(
        await alice.call('PUT', path, { alias: `#unmapped:${hs.config.server_name}` }),
        400,
        'M_BAD_ALIAS',
      );
      expect(
        (await alice.call('PUT', path, { alias: `#talk:${hs.config.server_name}`, alt_aliases: [] })).status,
      ).toBe(200);
      expect(other).toMatch(/^!/);
    });

    it('refuses a body that is not a JSON object', async () => {
      expectError(await alice.call('PUT', `${room(roomId)}/state/m.room.name/`, '[]'), 400, 'M_BAD_JSON');
    });
  });

  describe('redactions', () => {
    it('the sender redacts their own event; it is then served redacted with redacted_because', async () => {
      const sent = await bob.call('PUT', `${room(roomId)}/send/m.room.message/r1`, message('oops'));
      const redaction = await bob.call(
        'PUT',
        `${room(roomId)}/redact/${encodeURIComponent(sent.body.event_id as string)}/red1`,
        {
          reason: 'typo',
        },
      );
      expect(redaction).toEqual({ status: 200, body: { event_id: expect.any(String) } });
      const again = await bob.call(
        'PUT',
        `${room(roomId)}/redact/${encodeURIComponent(sent.body.event_id as string)}/red1`,
        {
          reason: 'typo',
        },
      );
      expect(again.body.event_id).toBe(redaction.body.event_id);
      const served = await event(alice, sent.body.event_id as string);
      expect(served.body.content).toEqual({});
      expect((served.body.unsigned as Record<string, unknown>).redacted_because).toMatchObject({
        event_id: redaction.body.event_id,
        type: 'm.room.redaction',
        // Room version 12 (like 11) carries `redacts` in content.
        content: { reason: 'typo', redacts: sent.body.event_id },
      });
    });

    it("redacting another user's event needs the redact power level", async () => {
      const sent = await alice.call('PUT', `${room(roomId)}/send/m.room.message/r2`, message('mine'));
      const id = encodeURIComponent(sent.body.event_id as string);
      expectError(await bob.call('PUT', `${room(roomId)}/redact/${id}/red2`, {}), 403, 'M_FORBIDDEN');
      const theirs = await bob.call('PUT', `${room(roomId)}/send/m.room.message/r3`, message('theirs'));
      expect(
        (
          await alice.call(
            'PUT',
            `${room(roomId)}/redact/${encodeURIComponent(theirs.body.event_id as string)}/red3`,
          )
        ).status,
      ).toBe(200);
    });

    it('unknown events are 404 M_NOT_FOUND; bad reasons 400', async () => {
      const unknown = encodeURIComponent(`$${'A'.repeat(43)}`);
      expectError(await bob.call('PUT', `${room(roomId)}/redact/${unknown}/red4`, {}), 404, 'M_NOT_FOUND');
      expectError(await bob.call('PUT', `${room(roomId)}/redact/nothing/red4`, {}), 400, 'M_INVALID_PARAM');
      const sent = await bob.call('PUT', `${room(roomId)}/send/m.room.message/r5`, message('x'));
      expectError(
        await bob.call(
          'PUT',
          `${room(roomId)}/redact/${encodeURIComponent(sent.body.event_id as string)}/red5`,
          { reason: 1 },
        ),
        400,
        'M_BAD_JSON',
      );
    });

    it('m.room.redaction through /send works too, and in a v10 room `redacts` moves to the top level', async () => {
      const old = await api.createRoom(alice, { room_version: '10' });
      const sent = await alice.call('PUT', `${room(old)}/send/m.room.message/s1`, message('old'));
      const redaction = await alice.call('PUT', `${room(old)}/send/m.room.redaction/s2`, {
        redacts: sent.body.event_id,
        reason: 'old style',
      });
      expect(redaction.status).toBe(200);
      const served = await alice.call(
        'GET',
        `${room(old)}/event/${encodeURIComponent(redaction.body.event_id as string)}`,
      );
      expect(served.body).toMatchObject({ redacts: sent.body.event_id, content: { reason: 'old style' } });
      expect((served.body.content as Record<string, unknown>).redacts).toBeUndefined();
      expectError(
        await alice.call('PUT', `${room(old)}/send/m.room.redaction/s3`, { reason: 'x' }),
        400,
        'M_INVALID_PARAM',
      );
    });
  });

  it('the routes need the right method', async () => {
    expectError(await alice.call('POST', `${room(roomId)}/state/m.room.name/x`, {}), 405, 'M_UNRECOGNIZED');
    expect(v3).toBeDefined();
  });
});
