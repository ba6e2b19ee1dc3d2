import { MatrixError } from '@switchboard/protocol';

export type JsonObject = Record<string, unknown>;

/**
 * The JSON object a request carries. The pipeline already answered unparseable JSON with
 * M_NOT_JSON; a body sent without a JSON Content-Type arrives as bytes and is parsed here the same
 * way. Valid JSON that is not an object is M_BAD_JSON ("valid JSON, but it was malformed").
 * `orEmpty` accepts a missing body as `{}` (DELETE requests often carry none).
 */
export function jsonObject(body: unknown, options: { orEmpty?: boolean } = {}): JsonObject {
  const value = Buffer.isBuffer(body) ? parseBytes(body) : body;
  if (value === undefined) {
    if (options.orEmpty) return {};
    throw new MatrixError('M_NOT_JSON', 400, 'Content not JSON.');
  }
  if (!isJsonObject(value)) throw new MatrixError('M_BAD_JSON', 400, 'Content must be a JSON object.');
  return value;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field; null counts as absent. M_MISSING_PARAM when required and absent, M_BAD_JSON when not a string. */
export function stringField(obj: JsonObject, key: string, options: { required: true }): string;
export function stringField(obj: JsonObject, key: string, options?: { required?: false }): string | undefined;
export function stringField(
  obj: JsonObject,
  key: string,
  options: { required?: boolean } = {},
): string | undefined {
  const value = present(obj, key, options.required);
  if (value === undefined || typeof value === 'string') return value;
  throw invalid(key, 'a string');
}

export function booleanField(obj: JsonObject, key: string): boolean | undefined {
  const value = present(obj, key, false);
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalid(key, 'a boolean');
}

/** A number field; `integer` also refuses fractions. M_BAD_JSON when it is something else. */
export function numberField(
  obj: JsonObject,
  key: string,
  options: { integer?: boolean } = {},
): number | undefined {
  const value = present(obj, key, false);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && (!options.integer || Number.isSafeInteger(value))) return value;
  throw invalid(key, options.integer ? 'an integer' : 'a number');
}

export function objectField(obj: JsonObject, key: string): JsonObject | undefined {
  const value = present(obj, key, false);
  if (value === undefined || isJsonObject(value)) return value;
  throw invalid(key, 'an object');
}

export function stringArrayField(obj: JsonObject, key: string): string[] {
  const value = present(obj, key, true);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw invalid(key, 'an array of strings');
}

/** A query string parameter given once; a repeated one is M_INVALID_PARAM. */
export function queryParam(query: unknown, key: string): string {
  const value = isJsonObject(query) ? query[key] : undefined;
  if (value === undefined) throw new MatrixError('M_MISSING_PARAM', 400, `Missing query parameter: ${key}`);
  if (typeof value !== 'string')
    throw new MatrixError('M_INVALID_PARAM', 400, `Query parameter ${key} must be given once`);
  return value;
}

export function optionalQueryParam(query: unknown, key: string): string | undefined {
  const value = isJsonObject(query) ? query[key] : undefined;
  return value === undefined ? undefined : queryParam(query, key);
}

function present(obj: JsonObject, key: string, required: boolean | undefined): unknown {
  const value = obj[key] ?? undefined;
  if (value === undefined && required)
    throw new MatrixError('M_MISSING_PARAM', 400, `Missing parameter: ${key}`);
  return value;
}

/**
 * A body field of the wrong JSON type: "M_BAD_JSON: Request contained valid JSON, but it was
 * malformed in some way, e.g. missing required keys, invalid values for keys." (Synapse answers
 * the same for its validated request bodies.)
 */
function invalid(key: string, expected: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, `Parameter ${key} must be ${expected}`);
}

function parseBytes(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new MatrixError('M_NOT_JSON', 400, 'Content not JSON.');
  }
}
