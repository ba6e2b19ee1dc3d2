import { testConfig } from '@switchboard/config/testing';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { ServerNoticesUser } from './server-notices-user.service';

describe('ServerNoticesUser', () => {
  // Never reached: these cases are decided by the configuration alone.
  const transactions = {} as Transactions;
  const accounts = {} as AccountsRepository;

  it('is off while server_notices.system_mxid_localpart is null (the default)', async () => {
    const user = new ServerNoticesUser(testConfig(), transactions, accounts);
    expect(user.userId).toBeNull();
    await expect(user.ensureRegistered()).rejects.toMatchObject({ errcode: 'M_UNKNOWN', status: 400 });
  });

  it('is the localpart on this server once configured', () => {
    const config = testConfig({
      server_notices: { system_mxid_localpart: 'notices', system_mxid_display_name: null, room_name: 'N' },
    });
    expect(new ServerNoticesUser(config, transactions, accounts).userId).toBe(
      `@notices:${config.server_name}`,
    );
  });
});
