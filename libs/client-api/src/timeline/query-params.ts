import { MatrixError, parseRoomEventFilter, RoomEventFilter } from '@switchboard/protocol';
import { optionalQueryParam } from '../accounts/request-body';

/** A non-negative integer query parameter, e.g. `timeout` or `limit`; M_INVALID_PARAM otherwise. */
export function integerQueryParam(query: unknown, key: string): number | undefined {
  const raw = optionalQueryParam(query, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^[0-9]{1,15}$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new MatrixError('M_INVALID_PARAM', 400, `${key} must be a non-negative integer`);
  }
  return value;
}

/** A boolean query parameter: `true` or `false`. */
export function booleanQueryParam(query: unknown, key: string): boolean | undefined {
  const raw = optionalQueryParam(query, key);
  if (raw === undefined || raw === 'true' || raw === 'false')
    return raw === undefined ? undefined : raw === 'true';
  throw new MatrixError('M_INVALID_PARAM', 400, `${key} must be true or false`);
}

/** A query parameter restricted to some values. */
export function enumQueryParam<T extends string>(
  query: unknown,
  key: string,
  values: readonly T[],
): T | undefined {
  const raw = optionalQueryParam(query, key);
  if (raw === undefined || (values as readonly string[]).includes(raw)) return raw as T | undefined;
  throw new MatrixError('M_INVALID_PARAM', 400, `${key} must be one of ${values.join(', ')}`);
}

/** A query parameter the spec marks required: M_MISSING_PARAM when absent. */
export function requiredEnumQueryParam<T extends string>(
  query: unknown,
  key: string,
  values: readonly T[],
): T {
  const value = enumQueryParam(query, key, values);
  if (value === undefined) throw new MatrixError('M_MISSING_PARAM', 400, `Missing query parameter: ${key}`);
  return value;
}

/** `filter` of /messages and /context: "A JSON RoomEventFilter". */
export function roomEventFilterQueryParam(query: unknown): RoomEventFilter | undefined {
  const raw = optionalQueryParam(query, 'filter');
  return raw === undefined ? undefined : parseRoomEventFilter(jsonQueryParam(raw, 'filter'));
}

/** A query parameter that carries JSON (an inline filter); M_NOT_JSON when it does not parse. */
export function jsonQueryParam(raw: string, key: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new MatrixError('M_NOT_JSON', 400, `${key} is not valid JSON`);
  }
}
