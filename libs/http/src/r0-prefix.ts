/**
 * Fastify's `rewriteUrl`, before the state-key rewrite: `/_matrix/client/r0/...` is served as
 * `/_matrix/client/v3/...`. Matrix 1.1 re-versioned "all endpoints to be `v3` as a starting point
 * instead of `r0`" (changelog v1.1, MSC2844): each v3 endpoint is the r0 one, and clients of the
 * deprecated r0-era APIs (GET /events) still call them by their old prefix.
 */
export function rewriteR0Prefix(req: { url?: string }): string {
  const url = req.url ?? '/';
  return url.startsWith('/_matrix/client/r0/') ? `/_matrix/client/v3/${url.slice(19)}` : url;
}
