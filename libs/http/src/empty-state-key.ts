/** A state path whose state key is empty: `.../rooms/{roomId}/state/{eventType}/`, query kept apart. */
const EMPTY_STATE_KEY = /^(\/_matrix\/client\/v3\/rooms\/[^/?]+\/state\/[^/?]+)\/(\?.*)?$/;

/**
 * Fastify's `rewriteUrl`. The state endpoints say of `stateKey`: "When an empty string, the trailing
 * slash on this endpoint is optional", and clients send both forms. Their routes take the state key
 * as an optional last parameter, which matches the form without the slash; Nest refuses an empty
 * parameter, so the form with it is routed as the form without.
 */
export function rewriteEmptyStateKey(req: { url?: string }): string {
  const url = req.url ?? '/';
  return url.replace(
    EMPTY_STATE_KEY,
    (_match, path: string, query: string | undefined) => path + (query ?? ''),
  );
}
