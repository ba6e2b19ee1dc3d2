import { MatrixError } from '@switchboard/protocol';
import { isJsonObject, JsonObject } from '../accounts/request-body';

/** The HTTP pusher's gateway path: "MUST be an HTTPS URL with a path of `/_matrix/push/v1/notify`". */
const NOTIFY_PATH = '/_matrix/push/v1/notify';
const KINDS = ['http', 'email'];
const MAX_PUSHKEY_BYTES = 512;
const MAX_APP_ID_CHARS = 64;

export type PusherRequest =
  | { kind: null; appId: string; pushkey: string }
  | {
      kind: string;
      appId: string;
      pushkey: string;
      appDisplayName: string;
      deviceDisplayName: string;
      profileTag: string | null;
      lang: string;
      data: JsonObject;
      append: boolean;
    };

/** Validates a POST /pushers/set body (client-server-api "POST /_matrix/client/v3/pushers/set"). */
export function parsePusherRequest(body: JsonObject): PusherRequest {
  if (!('kind' in body)) throw missing(['kind']);
  const appId = requiredString(body, 'app_id');
  const pushkey = requiredString(body, 'pushkey');
  if (Buffer.byteLength(pushkey, 'utf8') > MAX_PUSHKEY_BYTES)
    throw new MatrixError('M_INVALID_PARAM', 400, `pushkey may be at most ${MAX_PUSHKEY_BYTES} bytes`);
  if ([...appId].length > MAX_APP_ID_CHARS)
    throw new MatrixError('M_INVALID_PARAM', 400, `app_id may be at most ${MAX_APP_ID_CHARS} characters`);
  const kind = body.kind;
  if (kind === null) return { kind: null, appId, pushkey };
  if (typeof kind !== 'string')
    throw new MatrixError('M_INVALID_PARAM', 400, 'kind must be a string or null');
  if (!KINDS.includes(kind)) throw new MatrixError('M_INVALID_PARAM', 400, `Unknown pusher kind: ${kind}`);
  // "Required if `kind` is not `null`".
  const absent = ['app_display_name', 'device_display_name', 'lang', 'data'].filter(
    (k) => body[k] === undefined || body[k] === null,
  );
  if (absent.length) throw missing(absent);
  const data = body.data;
  if (!isJsonObject(data)) throw new MatrixError('M_INVALID_PARAM', 400, 'data must be an object');
  if (kind === 'http') checkGatewayUrl(data.url);
  const profileTag = body.profile_tag ?? null;
  if (profileTag !== null && typeof profileTag !== 'string')
    throw new MatrixError('M_INVALID_PARAM', 400, 'profile_tag must be a string');
  const append = body.append ?? false;
  if (typeof append !== 'boolean') throw new MatrixError('M_INVALID_PARAM', 400, 'append must be a boolean');
  return {
    kind,
    appId,
    pushkey,
    appDisplayName: requiredString(body, 'app_display_name'),
    deviceDisplayName: requiredString(body, 'device_display_name'),
    profileTag,
    lang: requiredString(body, 'lang'),
    data,
    append,
  };
}

function checkGatewayUrl(url: unknown): void {
  if (url === undefined || url === null) throw missing(['data.url']);
  if (typeof url !== 'string') throw new MatrixError('M_INVALID_PARAM', 400, 'data.url must be a string');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MatrixError('M_INVALID_PARAM', 400, 'data.url must be a URL');
  }
  // http is let through besides https, as Synapse does, for gateways on a private network.
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.pathname !== NOTIFY_PATH) {
    throw new MatrixError(
      'M_INVALID_PARAM',
      400,
      `data.url must be an HTTPS URL with the path ${NOTIFY_PATH}`,
    );
  }
}

function requiredString(body: JsonObject, key: string): string {
  const value = body[key];
  if (value === undefined || value === null) throw missing([key]);
  if (typeof value !== 'string') throw new MatrixError('M_INVALID_PARAM', 400, `${key} must be a string`);
  return value;
}

function missing(keys: string[]): MatrixError {
  return new MatrixError('M_MISSING_PARAM', 400, `Missing parameters: ${keys.join(', ')}`);
}
