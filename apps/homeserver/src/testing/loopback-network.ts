import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port on 127.0.0.1 that was free a moment ago (for servers whose name must carry the port). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A self-signed certificate for localhost and 127.0.0.1, made with openssl in a new temporary
 * folder (`dir`, for the caller to remove): federation listeners in tests and benchmarks serve TLS, as the spec
 * requires.
 */
export function selfSignedCertificateFiles(prefix = 'switchboard-tls-'): {
  dir: string;
  certificate: string;
  key: string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const certificate = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      certificate,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { dir, certificate, key };
}
