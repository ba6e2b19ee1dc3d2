import { RoomVersion } from '../room-versions/room-version.types';

/**
 * How a room version reads one power level value: v1-v5 accept integers, strings that are
 * integers and floats (rooms/fragments/v1-stringy-power-levels.md, v1-floaty-power-levels.md);
 * v6-v9 drop floats with Canonical JSON; v10 and later accept integers only.
 */
export type PowerLevelSyntax = 'stringy-floaty' | 'stringy' | 'integer';

export function powerLevelSyntax(version: RoomVersion): PowerLevelSyntax {
  if (version.integerPowerLevels) return 'integer';
  // The floaty fragment: "since this room version does not enforce that events comply with the
  // requirements of Canonical JSON, power levels can be formatted as floats".
  return version.canonicalJson === 'v1' ? 'stringy-floaty' : 'stringy';
}

/** "optionally with any number of leading or trailing whitespace", one sign, base-10 digits. */
const INTEGER_STRING = /^\s*[+-]?[0-9]+\s*$/;

/**
 * The value as a power level, or undefined when the room version does not read it as one.
 * Integers must lie in [-(2**53)+1, (2**53)-1] (m.room.power_levels schema note); a string beyond
 * that range is refused rather than rounded, since comparisons on a rounded level would lie.
 */
export function parsePowerLevelValue(value: unknown, syntax: PowerLevelSyntax): number | undefined {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    // "First, exponential notation is applied ... Second, the value is truncated at the decimal point".
    if (syntax === 'stringy-floaty' && Number.isFinite(value)) return Math.trunc(value);
    return undefined;
  }
  if (typeof value === 'string' && syntax !== 'integer' && INTEGER_STRING.test(value)) {
    const parsed = Number(value.trim());
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}
