import { existsSync } from 'node:fs';
import { ConfigError } from '../config-error';
import { testConfig } from '.';

describe('testConfig', () => {
  it('gives a valid config with a fresh data_dir', () => {
    const a = testConfig();
    const b = testConfig();
    expect(a.server_name).toBe('test.local');
    expect(existsSync(a.data_dir)).toBe(true);
    expect(a.data_dir).not.toBe(b.data_dir);
  });

  it('listens on a port the OS picks unless listeners are given', () => {
    expect(testConfig().listeners.map((l) => l.port)).toEqual([0]);
    const listeners = [{ port: 9000, bind_addresses: ['::1'], tls: null, resources: ['client' as const] }];
    expect(testConfig({ listeners }).listeners).toEqual(listeners);
  });

  it('takes sections in part and fills in the rest', () => {
    const config = testConfig({ registration: { require_token: true }, admins: ['@root:test.local'] });
    expect(config.registration).toEqual({
      enabled: true,
      require_token: true,
      allow_guest_access: false,
      shared_secret: null,
    });
    expect(config.admins).toEqual(['@root:test.local']);
  });

  it('validates the overrides', () => {
    expect(() => testConfig({ admins: ['@root:elsewhere'] })).toThrow(ConfigError);
  });
});
