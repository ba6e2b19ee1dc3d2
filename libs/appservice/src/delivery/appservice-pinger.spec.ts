import { AppserviceRegistration } from '@switchboard/config';
import { MatrixError } from '@switchboard/protocol';
import { Appservice } from '../registry/appservice';
import { AppserviceClient, AppserviceRefused } from '../transport/appservice-client';
import { AppservicePinger } from './appservice-pinger';
import { AppserviceSender } from './appservice-sender.service';

function service(url: string | null): Appservice {
  return new Appservice(
    {
      file: 'a.yaml',
      id: 'bridge',
      url,
      as_token: 'as',
      hs_token: 'hs',
      sender_localpart: 'bot',
      namespaces: { users: [], aliases: [], rooms: [] },
      rate_limited: true,
      protocols: [],
      receive_ephemeral: false,
      msc3202: false,
      msc4190: false,
    } as AppserviceRegistration,
    'hs.test',
  );
}

describe('AppservicePinger', () => {
  const request = jest.fn();
  const up = jest.fn();
  const pinger = new AppservicePinger(
    { request } as unknown as AppserviceClient,
    { up } as unknown as AppserviceSender,
  );
  beforeEach(() => {
    request.mockReset();
    up.mockReset();
  });

  const failure = async (promise: Promise<unknown>) => {
    const err = await promise.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MatrixError);
    return { httpStatus: (err as MatrixError).status, ...(err as MatrixError).toJSON() };
  };

  it('posts the transaction ID, answers how long it took, and tells the sender the service is up', async () => {
    request.mockResolvedValue({});
    const answer = await pinger.ping(service('http://as'), 'mautrix_1');
    expect(answer.duration_ms).toEqual(expect.any(Number));
    expect(request).toHaveBeenCalledWith(expect.any(Appservice), {
      method: 'POST',
      path: '/ping',
      body: { transaction_id: 'mautrix_1' },
    });
    expect(up).toHaveBeenCalledWith('bridge');
    await pinger.ping(service('http://as'), undefined);
    expect(request.mock.calls[1][1].body).toEqual({});
  });

  it('M_URL_NOT_SET without a url, and nothing is sent', async () => {
    expect(await failure(pinger.ping(service(null), undefined))).toMatchObject({
      httpStatus: 400,
      errcode: 'M_URL_NOT_SET',
    });
    expect(request).not.toHaveBeenCalled();
  });

  it('M_BAD_STATUS with the status and body the service answered', async () => {
    request.mockRejectedValue(new AppserviceRefused(401, 'M_UNKNOWN_TOKEN', { errcode: 'M_UNKNOWN_TOKEN' }));
    expect(await failure(pinger.ping(service('http://as'), undefined))).toEqual({
      httpStatus: 502,
      errcode: 'M_BAD_STATUS',
      error: 'Ping returned status 401',
      status: 401,
      body: '{"errcode":"M_UNKNOWN_TOKEN"}',
    });
    expect(up).not.toHaveBeenCalled();
  });

  it('M_CONNECTION_TIMEOUT when the request timed out, M_CONNECTION_FAILED when it could not be made', async () => {
    request.mockRejectedValue(new Error('request to as timed out'));
    expect(await failure(pinger.ping(service('http://as'), undefined))).toMatchObject({
      httpStatus: 504,
      errcode: 'M_CONNECTION_TIMEOUT',
    });
    request.mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(await failure(pinger.ping(service('http://as'), undefined))).toMatchObject({
      httpStatus: 502,
      errcode: 'M_CONNECTION_FAILED',
    });
  });
});
