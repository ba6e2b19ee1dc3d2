import { decodeBase64 } from '../base64';
import { canonicalJson } from '../canonical-json';
import { signingKeyFromSeed } from '../signing';
import { roomVersion } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import { addHashesAndSignatures, checkHashesAndSignatures, computeContentHash, Pdu } from './index';

// appendices "Cryptographic Test Vectors" > "Signing Key".
const SIGNING_KEY_SEED = decodeBase64('YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
const v1 = roomVersion('1') as RoomVersion;

const minimalEvent = (): Pdu => ({
  room_id: '!x:domain',
  sender: '@a:domain',
  origin: 'domain',
  origin_server_ts: 1000000,
  signatures: {},
  hashes: {} as Pdu['hashes'],
  type: 'X',
  content: {},
  prev_events: [],
  auth_events: [],
  depth: 3,
  unsigned: { age_ts: 1000000 },
});

const redactableEvent = (): Pdu =>
  ({
    content: { body: 'Here is the message content' },
    event_id: '$0:domain',
    origin: 'domain',
    origin_server_ts: 1000000,
    type: 'm.room.message',
    room_id: '!r:domain',
    sender: '@u:domain',
    signatures: {},
    unsigned: { age_ts: 1000000 },
  }) as unknown as Pdu;

describe('addHashesAndSignatures (server-server-api "Adding hashes and signatures to outgoing events")', () => {
  it('appendices "Cryptographic Test Vectors" > "Event Signing": the minimally-sized event', () => {
    const signed = addHashesAndSignatures(minimalEvent(), v1, 'domain', 'ed25519:1', SIGNING_KEY_SEED);
    expect(canonicalJson(signed)).toBe(
      canonicalJson({
        auth_events: [],
        content: {},
        depth: 3,
        hashes: { sha256: '5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos' },
        origin: 'domain',
        origin_server_ts: 1000000,
        prev_events: [],
        room_id: '!x:domain',
        sender: '@a:domain',
        signatures: {
          domain: {
            'ed25519:1':
              'KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg',
          },
        },
        type: 'X',
        unsigned: { age_ts: 1000000 },
      }),
    );
  });

  it('appendices "Cryptographic Test Vectors" > "Event Signing": the event containing redactable content', () => {
    const signed = addHashesAndSignatures(redactableEvent(), v1, 'domain', 'ed25519:1', SIGNING_KEY_SEED);
    expect(canonicalJson(signed)).toBe(
      canonicalJson({
        content: { body: 'Here is the message content' },
        event_id: '$0:domain',
        hashes: { sha256: 'onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g' },
        origin: 'domain',
        origin_server_ts: 1000000,
        type: 'm.room.message',
        room_id: '!r:domain',
        sender: '@u:domain',
        signatures: {
          domain: {
            'ed25519:1':
              'Wm+VzmOUOz08Ds+0NTWb1d4CZrVsJSikkeRxh6aCcUwu6pNC78FunoD7KNWzqFn241eYHYMGCA5McEiVPdhzBA',
          },
        },
        unsigned: { age_ts: 1000000 },
      }),
    );
  });

  it('server-server-api "Calculating the content hash for an event": the vectors\' content hashes', () => {
    expect(computeContentHash(minimalEvent(), v1)).toBe('5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos');
    expect(computeContentHash(redactableEvent(), v1)).toBe('onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g');
  });

  it('server-server-api "Calculating the content hash for an event": leaves out the top-level age_ts, outlier and destinations early Synapse added', () => {
    const legacy = { ...redactableEvent(), age_ts: 1, outlier: true, destinations: ['x'] } as unknown as Pdu;
    expect(computeContentHash(legacy, v1)).toBe('onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g');
  });

  it('server-server-api "Validating hashes and signatures on received events": the signed vectors check out', () => {
    const signed = addHashesAndSignatures(redactableEvent(), v1, 'domain', 'ed25519:1', SIGNING_KEY_SEED);
    const { publicKeyBase64: publicKey } = signingKeyFromSeed(SIGNING_KEY_SEED, 'ed25519:1');
    expect(checkHashesAndSignatures(signed, v1, () => publicKey)).toEqual({ status: 'ok' });
  });
});
