import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, parseSigningKeyFile } from '@switchboard/storage';

describe('signing key file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-key-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is created once, in Synapse format, and read back unchanged', async () => {
    const path = join(dir, 'signing.key');
    const first = await loadOrCreateSigningKey(path);
    expect(first.created).toBe(true);
    expect(await readFile(path, 'utf8')).toMatch(/^ed25519 a_\w+ [A-Za-z0-9+/]{43}\n$/);
    const second = await loadOrCreateSigningKey(path);
    expect(second.created).toBe(false);
    expect(second.key.keyId).toBe(first.key.keyId);
    expect(second.key.publicKeyBase64).toBe(first.key.publicKeyBase64);
  });

  it('reads the appendices test key (seed YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1)', () => {
    const key = parseSigningKeyFile('ed25519 1 YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1\n', 'test');
    expect(key.keyId).toBe('ed25519:1');
    expect(key.publicKeyBase64).toBe('XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI');
  });

  it('refuses a damaged file with a message naming it', async () => {
    const path = join(dir, 'bad.key');
    await writeFile(path, 'ed25519 1 short\n');
    await expect(loadOrCreateSigningKey(path)).rejects.toThrow(`${path}: expected`);
  });
});
