import { DEVICE_LIST_OUTBOUND, DeviceListOutbound } from '@switchboard/rooms';
import { DeviceListChangesRepository, FederationOutboxRepository, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';

/**
 * server-server-api "Device Management": an m.device_list_update names the user's update before it
 * in `prev_id` (SyTest 40devicelists "Local device key changes get to remote servers with correct
 * prev_id"), so the receiving server can tell when it missed one.
 */
describe('m.device_list_update prev_id', () => {
  let hs: TestHomeserver;
  beforeAll(async () => {
    hs = await startTestHomeserver({});
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const changed = (userId: string) =>
    hs.app.get(Transactions).run((tx) => hs.app.get(DeviceListChangesRepository).markChanged(tx, [userId]));

  it('keeps the position of the change before the latest, per user', async () => {
    const repo = hs.app.get(DeviceListChangesRepository);
    const reader = hs.app.get(Transactions).reader;
    const first = await changed('@alice:test.local');
    expect(await repo.prevStreamIdOf(reader, '@alice:test.local')).toBeUndefined();
    await changed('@bob:test.local');
    const second = await changed('@alice:test.local');
    expect(await repo.streamIdOf(reader, '@alice:test.local')).toBe(second);
    expect(await repo.prevStreamIdOf(reader, '@alice:test.local')).toBe(first);
  });

  it('sends the previous position as prev_id', async () => {
    const outbox = hs.app.get(FederationOutboxRepository);
    jest.spyOn(outbox, 'serversSharingRoomWith').mockResolvedValue(['remote.test']);
    const add = jest.spyOn(outbox, 'add').mockResolvedValue(undefined as never);
    const first = await changed('@carol:test.local');
    await changed('@carol:test.local');
    await hs.app.get<DeviceListOutbound>(DEVICE_LIST_OUTBOUND).devicesChanged('@carol:test.local', ['DEV']);
    const [[, rows]] = add.mock.calls as unknown as [
      [unknown, { edu: { content: Record<string, unknown> } }[]],
    ];
    expect(rows[0].edu.content).toMatchObject({ device_id: 'DEV', prev_id: [first], deleted: true });
  });
});
