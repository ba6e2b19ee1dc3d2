import { MatrixError, tryServerNameOf } from '@switchboard/protocol';
import { isJsonObject, JsonObject } from '../accounts/request-body';

/** keys/query's `device_keys` and keys/claim's `one_time_keys`, split by the users' servers. */
export interface ByServer<T> {
  local: Map<string, T>;
  remote: Map<string, Map<string, T>>;
}

/** `field`: user ID to `parse(value)`; a user ID that is none is M_INVALID_PARAM. */
export function usersByServer<T>(
  value: unknown,
  field: string,
  ownServer: string,
  parse: (value: unknown, userId: string) => T,
): ByServer<T> {
  if (!isJsonObject(value)) throw new MatrixError('M_BAD_JSON', 400, `${field} must be an object`);
  const out: ByServer<T> = { local: new Map(), remote: new Map() };
  for (const [userId, entry] of Object.entries(value)) {
    const server = userId.startsWith('@') ? tryServerNameOf(userId) : undefined;
    if (server === undefined) throw new MatrixError('M_INVALID_PARAM', 400, `${userId} is not a user ID`);
    const parsed = parse(entry, userId);
    if (server === ownServer) out.local.set(userId, parsed);
    else out.remote.set(server, (out.remote.get(server) ?? new Map()).set(userId, parsed));
  }
  return out;
}

/** "The time (in milliseconds) to wait when downloading keys from remote servers. 10 seconds is the recommended default." */
export function remoteTimeoutOf(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_REMOTE_TIMEOUT_MS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new MatrixError('M_BAD_JSON', 400, 'timeout must be a number of milliseconds');
  return Math.min(value, MAX_REMOTE_TIMEOUT_MS);
}

const DEFAULT_REMOTE_TIMEOUT_MS = 10_000;
const MAX_REMOTE_TIMEOUT_MS = 60_000;

/**
 * Asks every server at once; "If any remote homeservers could not be reached, they are recorded
 * [in failures]". `ask` is undefined when federation is off: every server is then a failure.
 */
export async function askServers<T>(
  requests: ReadonlyMap<string, T>,
  ask: ((server: string, request: T) => Promise<JsonObject>) | undefined,
): Promise<{ answers: [string, JsonObject][]; failures: Record<string, object> }> {
  const failures: Record<string, object> = {};
  const answers: [string, JsonObject][] = [];
  await Promise.all(
    [...requests].map(async ([server, request]) => {
      try {
        if (!ask) throw new MatrixError('M_UNKNOWN', 503, 'Federation is not available');
        answers.push([server, await ask(server, request)]);
      } catch (error) {
        failures[server] =
          error instanceof MatrixError
            ? { status: error.status, errcode: error.errcode, message: error.message }
            : { status: 503, message: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return { answers, failures };
}

/** The entries of `field` of a remote answer that are about `userIds` (a server speaks for its own users only). */
export function entriesFor(
  answer: JsonObject,
  field: string,
  userIds: Iterable<string>,
): Record<string, unknown> {
  const value = answer[field];
  if (!isJsonObject(value)) return {};
  return Object.fromEntries([...userIds].filter((u) => isJsonObject(value[u])).map((u) => [u, value[u]]));
}
