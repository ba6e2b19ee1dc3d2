import { verifyJsonSignature } from '@switchboard/protocol';
import { json } from '../support/http';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';

describe('federation basics', () => {
  let hs: TestHomeserver;
  beforeAll(async () => {
    hs = await startTestHomeserver();
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('GET /_matrix/key/v2/server publishes the signing key, self-signed and valid for a while', async () => {
    const body = await json(await fetch(`${hs.baseUrl}/_matrix/key/v2/server`));
    expect(body.server_name).toBe('test.local');
    const [keyId] = Object.keys(body.verify_keys);
    expect(keyId).toMatch(/^ed25519:\w+$/);
    expect(body.valid_until_ts).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    expect(verifyJsonSignature(body, 'test.local', keyId, body.verify_keys[keyId].key).ok).toBe(true);
  });

  it('GET /_matrix/federation/v1/version names the implementation', async () => {
    const body = await json(await fetch(`${hs.baseUrl}/_matrix/federation/v1/version`));
    expect(body).toEqual({
      server: { name: 'Switchboard', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
    });
  });
});
