import fc from 'fast-check';
import { MatrixError } from '../errors/matrix-error';
import { redact } from '../redaction';
import { roomVersion, ROOM_VERSIONS } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import { signingKeyFromSeed, signJson } from '../signing';
import {
  addHashesAndSignatures,
  checkEventSignedBy,
  checkHashesAndSignatures,
  EventKeyLookup,
  Pdu,
  requiredSignatureServers,
} from './index';

const v = (id: string) => roomVersion(id) as RoomVersion;
const keyA = signingKeyFromSeed(new Uint8Array(32).fill(1), 'ed25519:a');
const keyB = signingKeyFromSeed(new Uint8Array(32).fill(2), 'ed25519:b');
const TS = 1_700_000_000_000;

const keys: EventKeyLookup = (serverName, keyId) =>
  serverName === 'a.example' && keyId === 'ed25519:a'
    ? keyA.publicKeyBase64
    : serverName === 'b.example' && keyId === 'ed25519:b'
      ? keyB.publicKeyBase64
      : undefined;

function message(extra: Partial<Pdu> = {}): Pdu {
  return {
    room_id: '!room:a.example',
    sender: '@alice:a.example',
    origin_server_ts: TS,
    type: 'm.room.message',
    content: { msgtype: 'm.text', body: 'hello' },
    prev_events: [],
    auth_events: [],
    depth: 4,
    hashes: { sha256: '' },
    signatures: {},
    ...extra,
  };
}

const signA = (pdu: Pdu, version: RoomVersion) =>
  addHashesAndSignatures(pdu, version, 'a.example', 'ed25519:a', keyA);
const signB = (pdu: Pdu, version: RoomVersion) =>
  addHashesAndSignatures(pdu, version, 'b.example', 'ed25519:b', keyB);

describe('checkHashesAndSignatures (server-server-api "Validating hashes and signatures on received events")', () => {
  it.each([...ROOM_VERSIONS.keys()])(
    "room version %s: ok for an event hashed and signed by the sender's server",
    (id) => {
      const extra = v(id).eventIdFormat === 'v1' ? { event_id: '$1:a.example' } : {};
      expect(checkHashesAndSignatures(signA(message(extra), v(id)), v(id), keys)).toEqual({ status: 'ok' });
    },
  );

  it('"If the hash check fails ... use the redacted copy": content changed after signing', () => {
    const signed = signA(message(), v('11'));
    const tampered = { ...signed, content: { msgtype: 'm.text', body: 'changed' } };
    expect(checkHashesAndSignatures(tampered, v('11'), keys)).toEqual({
      status: 'content_hash_mismatch',
      redacted: redact(tampered, v('11')),
    });
  });

  it('"this step should succeed whether we have been sent the full event or a redacted copy"', () => {
    const signed = signA(message(), v('11'));
    const result = checkHashesAndSignatures(redact(signed, v('11')), v('11'), keys);
    expect(result.status).toBe('content_hash_mismatch');
  });

  it('"unsigned" may change in transit without breaking hashes or signatures', () => {
    const signed = signA(message(), v('11'));
    expect(checkHashesAndSignatures({ ...signed, unsigned: { age: 1234 } }, v('11'), keys)).toEqual({
      status: 'ok',
    });
  });

  it.each([
    ['undecodable', { sha256: 'not base64!' }],
    ['missing', {}],
  ])('content hash: an %s hashes.sha256 under a valid signature is a mismatch', (_what, hashes) => {
    const event = { ...message(), hashes } as Pdu;
    const { signatures } = signJson(redact(event, v('11')), 'a.example', 'ed25519:a', keyA);
    expect(checkHashesAndSignatures({ ...event, signatures }, v('11'), keys).status).toBe(
      'content_hash_mismatch',
    );
  });

  it('bad_signature when a protected key changed after signing', () => {
    const signed = signA(message(), v('11'));
    expect(checkHashesAndSignatures({ ...signed, origin_server_ts: TS + 1 }, v('11'), keys)).toMatchObject({
      status: 'bad_signature',
      serverName: 'a.example',
      keyId: 'ed25519:a',
    });
  });

  it('bad_signature when the signature is not Base64 of 64 bytes', () => {
    const signed = signA(message(), v('11'));
    const broken = { ...signed, signatures: { 'a.example': { 'ed25519:a': 'AAAA' } } };
    expect(checkHashesAndSignatures(broken, v('11'), keys).status).toBe('bad_signature');
  });

  it("missing_signature when the sender's server did not sign", () => {
    const signedByB = signB(message(), v('11'));
    expect(checkHashesAndSignatures(signedByB, v('11'), keys)).toMatchObject({
      status: 'missing_signature',
      serverName: 'a.example',
      unknownKeyIds: [],
    });
  });

  it('appendices "Checking for a Signature" step 2: signatures of unknown algorithms do not count', () => {
    const signed = signA(message(), v('11'));
    const other = {
      ...signed,
      signatures: { 'a.example': { 'curve25519:a': signed.signatures['a.example']['ed25519:a'] } },
    };
    expect(checkHashesAndSignatures(other, v('11'), keys)).toMatchObject({
      status: 'missing_signature',
      unknownKeyIds: [],
    });
  });

  it('"If a signature is from an unknown or expired key, it is skipped": missing_signature names the keys to fetch', () => {
    const signed = signA(message(), v('11'));
    expect(checkHashesAndSignatures(signed, v('11'), () => undefined)).toMatchObject({
      status: 'missing_signature',
      serverName: 'a.example',
      unknownKeyIds: ['ed25519:a'],
    });
  });

  it('"If a signature is from an unknown or expired key, it is skipped": one good known key is enough', () => {
    const signed = signA(message(), v('11'));
    const withUnknown = {
      ...signed,
      signatures: { 'a.example': { ...signed.signatures['a.example'], 'ed25519:old': 'x' } },
    };
    expect(checkHashesAndSignatures(withUnknown, v('11'), keys)).toEqual({ status: 'ok' });
  });

  it('"any keys that are known to have expired prior to the event\'s origin_server_ts are ignored"', () => {
    const signed = signA(message(), v('11'));
    const lookup =
      (expiredTs: number): EventKeyLookup =>
      () => ({ key: keyA.publicKeyBase64, expiredTs });
    expect(checkHashesAndSignatures(signed, v('11'), lookup(TS - 1)).status).toBe('missing_signature');
    expect(checkHashesAndSignatures(signed, v('11'), lookup(TS)).status).toBe('ok');
  });

  it('rooms/fragments/v5-signing-requirements: valid_until_ts must be at least origin_server_ts from room version 5', () => {
    const lookup: EventKeyLookup = () => ({ key: keyA.publicKeyBase64, validUntilTs: TS - 1 });
    expect(checkHashesAndSignatures(signA(message(), v('5')), v('5'), lookup).status).toBe(
      'missing_signature',
    );
    expect(checkHashesAndSignatures(signA(message(), v('4')), v('4'), lookup).status).toBe('ok');
    const fresh: EventKeyLookup = () => ({ key: keyA.publicKeyBase64, validUntilTs: TS });
    expect(checkHashesAndSignatures(signA(message(), v('5')), v('5'), fresh).status).toBe('ok');
  });

  it('"Room versions 1 and 2 also require that a signature is present from the domain in the event_id"', () => {
    const event = message({ event_id: '$1:b.example' });
    const onlyA = signA(event, v('1'));
    expect(checkHashesAndSignatures(onlyA, v('1'), keys)).toMatchObject({
      status: 'missing_signature',
      serverName: 'b.example',
    });
    const both = signB(onlyA, v('1'));
    expect(checkHashesAndSignatures(both, v('1'), keys)).toEqual({ status: 'ok' });
    expect(requiredSignatureServers(both, v('1'))).toEqual(['a.example', 'b.example']);
    expect(requiredSignatureServers(both, v('3'))).toEqual(['a.example']);
  });

  it('"unless the event is a 3rd party invite": the sender\'s server need not sign one', () => {
    const invite = message({
      type: 'm.room.member',
      state_key: '@bob:b.example',
      content: {
        membership: 'invite',
        third_party_invite: { signed: { mxid: '@bob:b.example', token: 't' } },
      },
    });
    const sentByB = signB(invite, v('11'));
    expect(requiredSignatureServers(sentByB, v('11'))).toEqual([]);
    expect(checkHashesAndSignatures(sentByB, v('11'), keys)).toEqual({ status: 'ok' });
  });

  it('an event_id beside a version 3+ event changes neither its signature nor its hash', () => {
    const signed = signA(message(), v('11'));
    expect(checkHashesAndSignatures({ ...signed, event_id: '$local' }, v('11'), keys)).toEqual({
      status: 'ok',
    });
  });

  it.each([
    ['an invalid sender', { sender: 'alice' }],
    ['a room version 1 event without event_id', {}],
    ['a non-numeric origin_server_ts', { origin_server_ts: 'now', event_id: '$1:a.example' }],
  ])('throws M_BAD_JSON for %s', (_what, extra) => {
    const event = { ...message(), ...extra } as Pdu;
    expect(() => checkHashesAndSignatures(event, v('1'), keys)).toThrow(
      expect.objectContaining({ errcode: 'M_BAD_JSON' }),
    );
  });
});

describe('checkEventSignedBy', () => {
  it('rooms/v9 authorisation rules, join_authorised_via_users_server: "If the event is not validly signed by the homeserver of the user ID denoted by the key, reject"', () => {
    const join = message({
      type: 'm.room.member',
      state_key: '@alice:a.example',
      content: { membership: 'join', join_authorised_via_users_server: '@mod:b.example' },
    });
    const signed = signB(signA(join, v('9')), v('9'));
    expect(checkEventSignedBy(signed, v('9'), 'b.example', keys)).toEqual({
      ok: true,
      keyIds: ['ed25519:b'],
    });
    expect(checkEventSignedBy(signA(join, v('9')), v('9'), 'b.example', keys)).toMatchObject({
      ok: false,
      reason: 'missing_signature',
    });
  });
});

describe('checkHashesAndSignatures properties', () => {
  it('bad input never throws anything but MatrixError', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.constantFrom(...ROOM_VERSIONS.values()),
        (a, b, version) => {
          const inputs = [
            a,
            { ...message(), signatures: a, hashes: b },
            { ...message(), content: a, event_id: b },
          ];
          for (const input of inputs) {
            for (const call of [
              () => checkHashesAndSignatures(input as Pdu, version, keys),
              () => checkHashesAndSignatures(input as Pdu, version, () => b as string),
              () => checkEventSignedBy(input as Pdu, version, 'a.example', keys),
              () => addHashesAndSignatures(input as Pdu, version, 'a.example', 'ed25519:a', keyA),
            ]) {
              try {
                call();
              } catch (e) {
                expect(e).toBeInstanceOf(MatrixError);
              }
            }
          }
        },
      ),
    );
  });
});
