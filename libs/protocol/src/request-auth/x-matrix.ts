import { MatrixError } from '../errors/matrix-error';
import { JsonValue } from '../events/pdu.types';
import { SigningKey } from '../signing/ed25519-keys';
import { signJson } from '../signing/sign-json';
import { verifyJsonSignature } from '../signing/verify-json';

/** server-server-api "Request Authentication": the parameters of one X-Matrix Authorization header. */
export interface XMatrixAuth {
  origin: string;
  /** Optional on receipt for compatibility with servers before v1.3; always sent. */
  destination?: string;
  key: string;
  sig: string;
}

export interface SignedRequest {
  method: string;
  /** The full path from `/_matrix/...`, with `?` and the query string if any. */
  uri: string;
  origin: string;
  destination: string;
  /** The JSON-parsed body; absent for requests without one. */
  content?: JsonValue;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z:]+$/;

/**
 * Parses `X-Matrix origin="a",destination="b",key="ed25519:1",sig="..."`: names are
 * case-insensitive, values quoted (with backslash escapes) or bare tokens, where colons are
 * allowed "for compatibility with older servers". Throws 401 M_UNAUTHORIZED naming the problem.
 */
export function parseXMatrixHeader(header: string | undefined): XMatrixAuth {
  const m = /^X-Matrix +(.*)$/i.exec(header ?? '');
  if (!m) throw unauthorized('Missing or non-X-Matrix Authorization header');
  const params = new Map<string, string>();
  let rest = m[1];
  while (rest.length > 0) {
    const pair = /^[ \t]*([A-Za-z0-9_-]+)=("((?:[^"\\]|\\.)*)"|[^,]*)[ \t]*(?:,|$)/.exec(rest);
    if (!pair) throw unauthorized('Malformed X-Matrix Authorization header');
    const raw = pair[3] !== undefined ? pair[3].replace(/\\(.)/g, '$1') : pair[2].trim();
    if (pair[3] === undefined && !TOKEN.test(raw))
      throw unauthorized('Malformed X-Matrix Authorization header');
    params.set(pair[1].toLowerCase(), raw);
    rest = rest.slice(pair[0].length);
  }
  const origin = params.get('origin');
  const key = params.get('key');
  const sig = params.get('sig');
  if (!origin || !key || !sig) throw unauthorized('X-Matrix needs origin, key and sig');
  const destination = params.get('destination');
  return destination === undefined ? { origin, key, sig } : { origin, destination, key, sig };
}

/** The header as the spec asks senders to write it: one space, lower-case names, quoted values. */
export function formatXMatrixHeader(auth: Required<XMatrixAuth>): string {
  return `X-Matrix origin="${auth.origin}",destination="${auth.destination}",key="${auth.key}",sig="${auth.sig}"`;
}

/** Signs a request and returns its Authorization header value. */
export function signRequest(request: SignedRequest, key: SigningKey): string {
  const signed = signJson(requestJson(request), request.origin, key.keyId, key, {
    version: { canonicalJson: 'v1' },
  });
  const sig = signed.signatures[request.origin][key.keyId];
  return formatXMatrixHeader({
    origin: request.origin,
    destination: request.destination,
    key: key.keyId,
    sig,
  });
}

/**
 * Checks a received request against its parsed header and the origin's public key (which the
 * caller fetched for `auth.key`). Throws 401 M_UNAUTHORIZED with the reason.
 */
export function verifyRequest(
  request: Omit<SignedRequest, 'origin' | 'destination'>,
  auth: XMatrixAuth,
  ownServerName: string,
  publicKeyBase64: string,
): void {
  if (auth.destination !== undefined && auth.destination !== ownServerName) {
    throw unauthorized(`Request is for ${auth.destination}, not this server`);
  }
  const json = {
    ...requestJson({ ...request, origin: auth.origin, destination: ownServerName }),
    signatures: { [auth.origin]: { [auth.key]: auth.sig } },
  };
  // Requests may carry events of room versions 1-5, whose canonical JSON allowed floats.
  const result = verifyJsonSignature(json, auth.origin, auth.key, publicKeyBase64, {
    version: { canonicalJson: 'v1' },
  });
  if (!result.ok) throw unauthorized(`Invalid request signature: ${result.message}`);
}

function requestJson(request: SignedRequest): Record<string, JsonValue> {
  const json: Record<string, JsonValue> = {
    method: request.method,
    uri: request.uri,
    origin: request.origin,
    destination: request.destination,
  };
  if (request.content !== undefined) json.content = request.content;
  return json;
}

function unauthorized(message: string): MatrixError {
  return new MatrixError('M_UNAUTHORIZED', 401, message);
}
