import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A port on 127.0.0.1 that was free a moment ago: a federating server's name carries its port. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A self-signed P-256 certificate for localhost and 127.0.0.1 in a new temporary folder (`dir`,
 * for the caller to remove). Federation is served over TLS only; the servers that use it must set
 * `federation.verify_certificates: false`. node:crypto cannot write X.509, so openssl does.
 */
export async function selfSignedLoopbackCertificate(): Promise<{
  dir: string;
  certificate: string;
  key: string;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-tls-'));
  const certificate = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
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
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return { dir, certificate, key };
}
