import { MatrixError } from '../errors/matrix-error';
import { decodeBase64 } from '../base64/unpadded-base64';
import { signingKeyFromSeed } from '../signing/ed25519-keys';
import { formatXMatrixHeader, parseXMatrixHeader, signRequest, verifyRequest } from './x-matrix';

// appendices "Cryptographic Test Vectors": the signing key.
const key = signingKeyFromSeed(decodeBase64('YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1'), 'ed25519:1');

describe('server-server-api "Request Authentication" (X-Matrix)', () => {
  const request = {
    method: 'PUT',
    uri: '/_matrix/federation/v1/send/1?x=y',
    origin: 'origin.hs.example.com',
    destination: 'destination.hs.example.com',
    content: { pdus: [], edus: [{ edu_type: 'm.typing', content: { typing: true } }] },
  };

  it('signs a request and verifies it with the public key', () => {
    const header = signRequest(request, key);
    expect(header).toMatch(
      /^X-Matrix origin="origin.hs.example.com",destination="destination.hs.example.com",key="ed25519:1",sig="[A-Za-z0-9+/]+"$/,
    );
    const auth = parseXMatrixHeader(header);
    expect(() =>
      verifyRequest(
        { method: 'PUT', uri: request.uri, content: request.content },
        auth,
        request.destination,
        key.publicKeyBase64,
      ),
    ).not.toThrow();
  });

  it('refuses a changed body, method, path or destination with 401 M_UNAUTHORIZED', () => {
    const auth = parseXMatrixHeader(signRequest(request, key));
    const tampered = [
      { method: 'PUT', uri: request.uri, content: { pdus: [], edus: [] } },
      { method: 'POST', uri: request.uri, content: request.content },
      { method: 'PUT', uri: '/_matrix/federation/v1/send/2', content: request.content },
    ];
    for (const t of tampered) {
      expect(() => verifyRequest(t, auth, request.destination, key.publicKeyBase64)).toThrow(
        expect.objectContaining({ errcode: 'M_UNAUTHORIZED', status: 401 }),
      );
    }
    expect(() =>
      verifyRequest(
        { method: 'PUT', uri: request.uri, content: request.content },
        auth,
        'other.example.com',
        key.publicKeyBase64,
      ),
    ).toThrow(/not this server/);
  });

  it('signs and verifies a request without a body (GET)', () => {
    const get = {
      method: 'GET',
      uri: '/_matrix/federation/v1/version',
      origin: 'a.example',
      destination: 'b.example',
    };
    const auth = parseXMatrixHeader(signRequest(get, key));
    expect(() =>
      verifyRequest({ method: 'GET', uri: get.uri }, auth, 'b.example', key.publicKeyBase64),
    ).not.toThrow();
  });

  it.each([
    [
      'the spec example',
      'X-Matrix origin="origin.hs.example.com",destination="destination.hs.example.com",key="ed25519:key1",sig="ABCDEF"',
    ],
    [
      'upper-case names, any order, spaces around commas',
      'X-Matrix   SIG="ABCDEF" , Key="ed25519:key1",\tOrigin="origin.hs.example.com",destination="destination.hs.example.com"',
    ],
    [
      'unquoted token values with colons',
      'X-Matrix origin=origin.hs.example.com,destination=destination.hs.example.com,key=ed25519:key1,sig=ABCDEF',
    ],
    [
      'backslash escapes in quoted values',
      'X-Matrix origin="origin.hs.example.com",destination="destination.hs.example.com",key="ed25519:key\\1",sig="ABCDEF"',
    ],
  ])('parses %s', (_name, header) => {
    expect(parseXMatrixHeader(header)).toEqual({
      origin: 'origin.hs.example.com',
      destination: 'destination.hs.example.com',
      key: 'ed25519:key1',
      sig: 'ABCDEF',
    });
  });

  it('accepts a header without destination, as servers before v1.3 send', () => {
    expect(parseXMatrixHeader('X-Matrix origin="a",key="ed25519:1",sig="s"')).toEqual({
      origin: 'a',
      key: 'ed25519:1',
      sig: 's',
    });
  });

  it.each([
    undefined,
    '',
    'Bearer abc',
    'X-Matrix origin="a",key="ed25519:1"',
    'X-Matrix origin="a", ,sig=x',
    'X-Matrix origin=a b,key=k,sig=s',
  ])('refuses %p with M_UNAUTHORIZED', (header) => {
    expect(() => parseXMatrixHeader(header)).toThrow(MatrixError);
    expect(() => parseXMatrixHeader(header)).toThrow(expect.objectContaining({ errcode: 'M_UNAUTHORIZED' }));
  });

  it('formats the header the way the spec asks senders to', () => {
    expect(formatXMatrixHeader({ origin: 'a', destination: 'b', key: 'ed25519:1', sig: 's' })).toBe(
      'X-Matrix origin="a",destination="b",key="ed25519:1",sig="s"',
    );
  });
});
