import { ModuleRef } from '@nestjs/core';
import { Logger } from 'pino';
import { testConfig } from '@switchboard/config/testing';
import { RemoteDeviceList, RemoteDeviceListsRepository, Transactions } from '@switchboard/storage';
import { FederationClient } from '../transport/federation-client';
import { RemoteDeviceLists } from './remote-device-lists.service';

/**
 * server-server-api "Device Management": m.device_list_update EDUs are applied in order; "If a
 * server receives an EDU which refers to a prev_id it does not recognise, it must resynchronise its
 * list" (SyTest 40devicelists "If a device list update goes missing, the server resyncs on the next one").
 */
describe('RemoteDeviceLists', () => {
  const BOB = '@bob:remote.test';
  let cached: RemoteDeviceList | undefined;
  let shares: boolean;
  const repo = {
    position: jest.fn(async () => 10),
    sharesARoom: jest.fn(async () => shares),
    trusted: jest.fn(async () => new Map(cached ? [[BOB, cached]] : [])),
    replace: jest.fn(async (_tx: unknown, list: RemoteDeviceList) => {
      cached = list;
    }),
    applyUpdate: jest.fn(async () => undefined),
    setCrossSigningKeys: jest.fn(async () => undefined),
    forget: jest.fn(async () => undefined),
  };
  const request = jest.fn();
  const remoteChanged = jest.fn(async () => undefined);
  const service = new RemoteDeviceLists(
    testConfig({ server_name: 'test.local' }),
    { reader: {}, run: (work: (tx: unknown) => unknown) => work({}) } as unknown as Transactions,
    repo as unknown as RemoteDeviceListsRepository,
    { request } as unknown as FederationClient,
    { warn: jest.fn() } as unknown as Logger,
    { get: () => ({ remoteChanged }) } as unknown as ModuleRef,
  );
  const update = (streamId: number, prevId: number[], extra: Record<string, unknown> = {}) =>
    service.deviceListUpdate('remote.test', {
      user_id: BOB,
      device_id: 'PHONE',
      stream_id: streamId,
      prev_id: prevId,
      keys: { device_id: 'PHONE' },
      ...extra,
    });
  const list = (streamId: number): RemoteDeviceList => ({
    userId: BOB,
    streamId,
    masterKey: null,
    selfSigningKey: null,
    devices: [],
  });

  beforeEach(() => {
    jest.clearAllMocks();
    cached = undefined;
    shares = true;
    request.mockResolvedValue({ user_id: BOB, stream_id: 3, devices: [{ device_id: 'PHONE', keys: {} }] });
  });

  it('fills a missing cache from GET /user/devices, at the position asked before the request', async () => {
    expect(await update(1, [])).toBe('changed');
    expect(request).toHaveBeenCalledWith('remote.test', expect.objectContaining({ method: 'GET' }));
    expect(repo.replace).toHaveBeenCalledWith({}, expect.objectContaining({ streamId: 3 }), 10);
    expect(remoteChanged).toHaveBeenCalledWith([BOB]);
  });

  it('applies an update that follows the cached one, and another of the same change', async () => {
    cached = list(4);
    expect(await update(5, [4], { device_display_name: 'phone' })).toBe('changed');
    expect(repo.applyUpdate).toHaveBeenCalledWith({}, BOB, 5, 'PHONE', {
      keys: { device_id: 'PHONE' },
      displayName: 'phone',
    });
    cached = list(5);
    await update(5, [4], { device_id: 'LAPTOP', deleted: true });
    expect(repo.applyUpdate).toHaveBeenLastCalledWith({}, BOB, 5, 'LAPTOP', null);
    expect(request).not.toHaveBeenCalled();
  });

  it('resyncs when a prev_id is unknown, and ignores what it has seen', async () => {
    cached = list(1);
    await update(3, [2]);
    expect(request).toHaveBeenCalledTimes(1);
    expect(repo.applyUpdate).not.toHaveBeenCalled();
    expect(await update(2, [1])).toBe('ignored');
  });

  it('ignores users no local user shares a room with', async () => {
    shares = false;
    expect(await update(1, [])).toBe('ignored');
    expect(await service.signingKeyUpdate({ user_id: BOB, master_key: {} })).toBe('ignored');
    expect(request).not.toHaveBeenCalled();
    expect(remoteChanged).not.toHaveBeenCalled();
  });

  it('forgets the cache when a resync fails, so keys/query asks again', async () => {
    request.mockRejectedValue(new Error('down'));
    expect(await update(1, [])).toBe('changed');
    expect(repo.forget).toHaveBeenCalledWith({}, BOB);
  });

  it('serves keys/query from the cache, and asks for users without one', async () => {
    cached = list(7);
    expect(await service.listsOf('remote.test', [BOB], 1000)).toEqual([cached]);
    expect(request).not.toHaveBeenCalled();
    cached = undefined;
    shares = false;
    const [answer] = await service.listsOf('remote.test', [BOB], 1000);
    expect(answer.devices).toEqual([{ deviceId: 'PHONE', keys: {}, displayName: null }]);
    expect(repo.replace).not.toHaveBeenCalled();
  });
});
