import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

/**
 * The client-server endpoints that only an application service may call. No application service
 * is registered, so every token is refused as not an application service's.
 */
describe('client-server-api application service endpoints without registrations', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let token: string;

  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = client(hs);
    token = (await api.register('alice')).access_token;
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const error = (status: number, errcode: string) => ({
    status,
    body: expect.objectContaining({ errcode }),
  });
  const PING = '/_matrix/client/v1/appservice/bridge/ping';
  const LIST = `/_matrix/client/v3/directory/list/appservice/irc/${encodeURIComponent('!room:test.local')}`;

  it('POST /appservice/{appserviceId}/ping: a user token is M_FORBIDDEN, no token M_MISSING_TOKEN', async () => {
    expect(await api.call('POST', PING, { transaction_id: 'txn' }, token)).toEqual(error(403, 'M_FORBIDDEN'));
    expect(await api.call('POST', PING, {})).toEqual(error(401, 'M_MISSING_TOKEN'));
    expect(await api.call('POST', PING, {}, 'not-a-token')).toEqual(error(401, 'M_UNKNOWN_TOKEN'));
    expect(await api.call('POST', PING, { transaction_id: 5 }, token)).toEqual(error(400, 'M_BAD_JSON'));
    expect(await api.call('POST', PING, '[1]', token)).toEqual(error(400, 'M_BAD_JSON'));
  });

  it('PUT /directory/list/appservice/{networkId}/{roomId}: bad input is 400, a user token M_FORBIDDEN', async () => {
    expect(await api.call('PUT', LIST, { visibility: 'public' }, token)).toEqual(error(403, 'M_FORBIDDEN'));
    expect(await api.call('PUT', LIST, { visibility: 'public' })).toEqual(error(401, 'M_MISSING_TOKEN'));
    expect(await api.call('PUT', LIST, {}, token)).toEqual(error(400, 'M_MISSING_PARAM'));
    expect(await api.call('PUT', LIST, { visibility: 'hidden' }, token)).toEqual(
      error(400, 'M_INVALID_PARAM'),
    );
    expect(
      await api.call(
        'PUT',
        '/_matrix/client/v3/directory/list/appservice/irc/not-a-room',
        { visibility: 'public' },
        token,
      ),
    ).toEqual(error(400, 'M_INVALID_PARAM'));
  });
});
