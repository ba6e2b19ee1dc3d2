/**
 * Cross-signing (MSC1756) and 3PID bind/unbind (MSC2290) were served under /unstable before
 * Matrix 1.1, and SyTest still calls them there.
 */
const UNSTABLE_AS_V3: ReadonlySet<string> = new Set([
  '/_matrix/client/unstable/keys/device_signing/upload',
  '/_matrix/client/unstable/keys/signatures/upload',
  '/_matrix/client/unstable/account/3pid/bind',
  '/_matrix/client/unstable/account/3pid/unbind',
]);

/**
 * Fastify's `rewriteUrl`, before the state-key rewrite: `/_matrix/client/r0/...` is served as
 * `/_matrix/client/v3/...`. Matrix 1.1 re-versioned "all endpoints to be `v3` as a starting point
 * instead of `r0`" (changelog v1.1, MSC2844): each v3 endpoint is the r0 one, and clients of the
 * deprecated r0-era APIs (GET /events) still call them by their old prefix.
 */
export function rewriteR0Prefix(req: { url?: string }): string {
  const url = req.url ?? '/';
  if (UNSTABLE_AS_V3.has(url.split('?')[0])) return url.replace('/unstable/', '/v3/');
  return url.startsWith('/_matrix/client/r0/') ? `/_matrix/client/v3/${url.slice(19)}` : url;
}
