import { MatrixError } from '../errors/matrix-error';
import { JsonObject } from '../events/pdu.types';

/** Readers for optional filter fields; `field` names the object in errors, e.g. `room.timeline`. */

function name(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}

export function badJson(field: string, expected: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, `${field} must be ${expected}`);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function optionalObject(obj: JsonObject, key: string, field: string): JsonObject | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) throw badJson(name(field, key), 'an object');
  return value;
}

export function optionalBoolean(obj: JsonObject, key: string, field: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || typeof value === 'boolean') return value;
  throw badJson(name(field, key), 'a boolean');
}

/**
 * A list of strings; `prefix` is the sigil the spec's pattern requires of each (`^@` for
 * senders, `^!` for rooms).
 */
export function optionalStrings(
  obj: JsonObject,
  key: string,
  field: string,
  prefix = '',
): string[] | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badJson(name(field, key), 'an array of strings');
  return value.map((item, i) => {
    const at = `${name(field, key)}[${i}]`;
    if (typeof item !== 'string') throw badJson(at, 'a string');
    if (!item.startsWith(prefix))
      throw new MatrixError('M_INVALID_PARAM', 400, `${at} must start with "${prefix}"`);
    return item;
  });
}

/**
 * "The maximum number of events to return, must be an integer greater than 0." Zero is accepted
 * as "no events", as Synapse does: clients ask for it to get a room list without timelines.
 */
export function optionalLimit(obj: JsonObject, key: string, field: string): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw badJson(name(field, key), 'an integer');
  if (value < 0) throw new MatrixError('M_INVALID_PARAM', 400, `${name(field, key)} must not be negative`);
  return value;
}
