import { testConfig } from '@switchboard/config/testing';
import { parseXMatrixHeader, signingKeyFromSeed, verifyRequest } from '@switchboard/protocol';
import { FederationClient } from './federation-client';
import { FederationRemoteError } from './federation-remote.error';
import { FederationTransportError } from './federation-transport.error';
import { ConnectTarget, HttpsRequest, HttpsResponse, HttpsTransport } from './https-transport';
import { ServerResolver } from './server-resolver';

const key = signingKeyFromSeed(new Uint8Array(32).fill(7), 'ed25519:k');
const target: ConnectTarget = {
  host: 'hs.remote.example',
  port: 8448,
  hostHeader: 'remote.example',
  tlsName: 'remote.example',
};
const resolver = { resolve: async () => target } as unknown as ServerResolver;

/** A transport that records what it was asked to send and answers `status` with `body`. */
function answering(status: number, body: string) {
  const sent: { target: ConnectTarget; request: HttpsRequest }[] = [];
  const transport = {
    send: async (_destination: string, t: ConnectTarget, request: HttpsRequest): Promise<HttpsResponse> => {
      sent.push({ target: t, request });
      return { status, headers: {}, body: Buffer.from(body) };
    },
  } as unknown as HttpsTransport;
  return { transport, sent };
}

describe('FederationClient (server-server-api "Request Authentication")', () => {
  const config = testConfig({ server_name: 'us.example' });

  it('signs with the server names from before delegation, and sends JSON to the resolved target', async () => {
    const { transport, sent } = answering(200, '{"ok":true}');
    const client = new FederationClient(config, key, resolver, transport);
    const body = { pdus: [], edus: [] };
    expect(
      await client.request('remote.example', {
        method: 'PUT',
        path: '/_matrix/federation/v1/send/1?a=b',
        body,
      }),
    ).toEqual({
      ok: true,
    });
    const [{ target: to, request }] = sent;
    expect(to).toBe(target);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body!.toString())).toEqual(body);
    const auth = parseXMatrixHeader(request.headers.authorization);
    expect(auth).toMatchObject({ origin: 'us.example', destination: 'remote.example', key: 'ed25519:k' });
    expect(() =>
      verifyRequest(
        { method: 'PUT', uri: '/_matrix/federation/v1/send/1?a=b', content: body },
        auth,
        'remote.example',
        key.publicKeyBase64,
      ),
    ).not.toThrow();
  });

  it('sends an empty JSON object as the body of a POST or PUT given none', async () => {
    const { transport, sent } = answering(200, '{}');
    await new FederationClient(config, key, resolver, transport).request('remote.example', {
      method: 'POST',
      path: '/p',
    });
    await new FederationClient(config, key, resolver, transport).request('remote.example', {
      method: 'GET',
      path: '/g',
    });
    expect(sent.map((s) => s.request.body?.toString())).toEqual(['{}', undefined]);
    const auth = parseXMatrixHeader(sent[0].request.headers.authorization);
    expect(() =>
      verifyRequest({ method: 'POST', uri: '/p', content: {} }, auth, 'remote.example', key.publicKeyBase64),
    ).not.toThrow();
  });

  it('carries the remote errcode and status of an error answer', async () => {
    const { transport } = answering(403, '{"errcode":"M_FORBIDDEN","error":"no","extra":1}');
    const failure = new FederationClient(config, key, resolver, transport).request('remote.example', {
      method: 'GET',
      path: '/_matrix/federation/v1/x',
    });
    await expect(failure).rejects.toBeInstanceOf(FederationRemoteError);
    await expect(failure).rejects.toMatchObject({
      errcode: 'M_FORBIDDEN',
      status: 403,
      message: 'no',
      extra: { extra: 1 },
    });
  });

  it('makes an error answer without a Matrix body M_UNKNOWN with the remote status', async () => {
    const { transport } = answering(502, '<html>Bad gateway</html>');
    await expect(
      new FederationClient(config, key, resolver, transport).request('remote.example', {
        method: 'GET',
        path: '/x',
      }),
    ).rejects.toMatchObject({ errcode: 'M_UNKNOWN', status: 502 });
  });

  it.each(['not json', '[1,2]', '"text"'])(
    'treats a 200 answer of %s as a transport failure',
    async (body) => {
      const { transport } = answering(200, body);
      const failure = new FederationClient(config, key, resolver, transport).request('remote.example', {
        method: 'GET',
        path: '/x',
      });
      await expect(failure).rejects.toBeInstanceOf(FederationTransportError);
      await expect(failure).rejects.toMatchObject({ failure: 'bad_response' });
    },
  );

  it('refuses to send anything with 403 M_FORBIDDEN when federation is disabled', async () => {
    const { transport, sent } = answering(200, '{}');
    const disabled = testConfig({ federation: { enabled: false } });
    await expect(
      new FederationClient(disabled, key, resolver, transport).request('remote.example', {
        method: 'GET',
        path: '/x',
      }),
    ).rejects.toMatchObject({ errcode: 'M_FORBIDDEN', status: 403 });
    expect(sent).toEqual([]);
  });
});
