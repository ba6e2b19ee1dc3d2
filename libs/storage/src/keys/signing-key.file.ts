import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  decodeBase64,
  encodeBase64,
  generateSigningKeySeed,
  isValidSigningKeyId,
  SigningKey,
  signingKeyFromSeed,
} from '@switchboard/protocol';

/**
 * The server's signing key, in Synapse's file format (`ed25519 <version> <unpadded base64 seed>`)
 * so a key can move between Switchboard and Synapse. Created on first start and never replaced,
 * since other servers cache it. `created` tells the caller to log the new key.
 */
export async function loadOrCreateSigningKey(path: string): Promise<{ key: SigningKey; created: boolean }> {
  const existing = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (existing !== null) return { key: parseSigningKeyFile(existing, path), created: false };

  const seed = generateSigningKeySeed();
  const version = `a_${encodeBase64(generateSigningKeySeed().subarray(0, 3)).replace(/[^A-Za-z0-9]/g, 'x')}`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `ed25519 ${version} ${encodeBase64(seed)}\n`, { mode: 0o600, flag: 'wx' });
  return { key: signingKeyFromSeed(seed, `ed25519:${version}`), created: true };
}

export function parseSigningKeyFile(text: string, path: string): SigningKey {
  const [algorithm, version, seedBase64] = (text.split('\n').find((l) => l.trim() !== '') ?? '')
    .trim()
    .split(/\s+/);
  const keyId = `${algorithm}:${version}`;
  let seed: Uint8Array | undefined;
  try {
    seed = decodeBase64(seedBase64 ?? '');
  } catch {
    seed = undefined;
  }
  if (algorithm !== 'ed25519' || !isValidSigningKeyId(keyId) || seed?.length !== 32) {
    throw new Error(`${path}: expected "ed25519 <version> <unpadded base64 of a 32-byte seed>"`);
  }
  return signingKeyFromSeed(seed, keyId);
}
