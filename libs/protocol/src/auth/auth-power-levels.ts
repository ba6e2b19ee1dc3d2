import { hasOwn, isJsonObject } from '../power-levels/json-object';
import { parsePowerLevelValue, PowerLevelSyntax, powerLevelSyntax } from '../power-levels/power-level-value';
import { NAMED_POWER_LEVELS, PowerLevelsContent, powerLevelsContentOf } from '../power-levels/power-levels';
import { POWER_LEVELS_KEY } from '../power-levels/room-state-keys';
import { AuthContext } from './auth-context';
import { ALLOWED, AuthResult } from './auth-result';
import { isValidUserId } from './ids';

/**
 * The rule "If type is m.room.power_levels" (v1 10, v6-v11 9, v12 10). Values compare as the room
 * version reads them: in v1-v9 "50" and 50 are the same level, so changing one to the other is no
 * alteration. A new value the version cannot read as a power level cannot be shown to be at most
 * the sender's level and is rejected by the rule that compares it; an unreadable current value
 * counts as absent, as it does everywhere power levels are read.
 */
export function authorizePowerLevels(ctx: AuthContext): AuthResult {
  const { content, version } = ctx;
  const syntax = powerLevelSyntax(version);

  if (version.integerPowerLevels) {
    // "If any of the properties users_default, ... are present and not an integer, reject."
    for (const name of NAMED_POWER_LEVELS) {
      if (hasOwn(content, name) && !Number.isSafeInteger(content[name])) {
        return ctx.deny('powerLevels.integers', `${name} is not an integer`);
      }
    }
    // "If either of the properties events or notifications ... are present and not an object with
    // values that are integers, reject."
    for (const name of ['events', 'notifications']) {
      const value = content[name];
      if (
        hasOwn(content, name) &&
        !(isJsonObject(value) && Object.values(value).every(Number.isSafeInteger))
      ) {
        return ctx.deny('powerLevels.objects', `${name} is not an object of integers`);
      }
    }
  }

  // "If the users property in content is not an object with keys that are valid user IDs with
  // values that are integers (or a string that is an integer), reject."
  const users = content.users;
  if (hasOwn(content, 'users')) {
    if (!isJsonObject(users)) return ctx.deny('powerLevels.users', 'users is not an object');
    for (const [user, level] of Object.entries(users)) {
      if (!isValidUserId(user)) return ctx.deny('powerLevels.users', `${user} is not a valid user ID`);
      if (parsePowerLevelValue(level, syntax) === undefined) {
        return ctx.deny('powerLevels.users', `the level of ${user} is not an integer`);
      }
    }
  }

  if (version.creatorPrivileges && isJsonObject(users)) {
    // v12 10.4: creators' power is infinite and immutable, so they may not be listed at all.
    for (const creator of ctx.powerLevels.creators) {
      if (hasOwn(users, creator)) {
        return ctx.deny('powerLevels.creators', `users lists the room creator ${creator}`);
      }
    }
  }

  const previous = ctx.state.get(POWER_LEVELS_KEY);
  if (previous === undefined) return ALLOWED;
  return checkAlterations(ctx, powerLevelsContentOf(version, previous), syntax);
}

function checkAlterations(
  ctx: AuthContext,
  current: PowerLevelsContent,
  syntax: PowerLevelSyntax,
): AuthResult {
  const { content, sender, version } = ctx;
  const senderPower = ctx.powerOf(sender);

  // "For the properties users_default, events_default, state_default, ban, redact, kick, invite
  // check if they were added, changed or removed."
  for (const name of NAMED_POWER_LEVELS) {
    const before = current.named[name];
    const present = hasOwn(content, name);
    const after = present ? parsePowerLevelValue(content[name], syntax) : undefined;
    if (present && after === undefined) {
      return ctx.deny('powerLevels.named.new', `${name} is not a power level`);
    }
    if (before === after) continue;
    if (before !== undefined && before > senderPower) {
      return ctx.deny('powerLevels.named.current', `current ${name} is above the sender's level`);
    }
    if (after !== undefined && after > senderPower) {
      return ctx.deny('powerLevels.named.new', `new ${name} is above the sender's level`);
    }
  }

  // v6 adds notifications to the events rules ("the events or notifications properties").
  const maps: ['events' | 'notifications', ReadonlyMap<string, number>][] = [['events', current.events]];
  if (version.notificationsPowerLevels) maps.push(['notifications', current.notifications]);
  for (const [name, before] of maps) {
    const result = checkEntries(ctx, name, before, content[name], syntax, senderPower);
    if (!result.allowed) return result;
  }

  return checkUsers(ctx, current.users, syntax, senderPower);
}

function checkEntries(
  ctx: AuthContext,
  name: 'events' | 'notifications',
  before: ReadonlyMap<string, number>,
  raw: unknown,
  syntax: PowerLevelSyntax,
  senderPower: number,
): AuthResult {
  if (raw !== undefined && !isJsonObject(raw)) {
    return ctx.deny('powerLevels.events.new', `${name} is not an object`);
  }
  const after = new Map<string, number>();
  for (const [key, value] of Object.entries(raw ?? {})) {
    const level = parsePowerLevelValue(value, syntax);
    if (level === undefined) return ctx.deny('powerLevels.events.new', `${name}.${key} is not a power level`);
    after.set(key, level);
  }
  // "For each entry being changed in, or removed from, the events property: If the current value
  // is greater than the sender's current power level, reject."
  for (const [key, old] of before) {
    if (after.get(key) !== old && old > senderPower) {
      return ctx.deny('powerLevels.events.current', `current ${name}.${key} is above the sender's level`);
    }
  }
  // "For each entry being added to, or changed in, the events property: If the new value is
  // greater than the sender's current power level, reject."
  for (const [key, level] of after) {
    if (before.get(key) !== level && level > senderPower) {
      return ctx.deny('powerLevels.events.new', `new ${name}.${key} is above the sender's level`);
    }
  }
  return ALLOWED;
}

function checkUsers(
  ctx: AuthContext,
  before: ReadonlyMap<string, number>,
  syntax: PowerLevelSyntax,
  senderPower: number,
): AuthResult {
  const { sender } = ctx;
  const after = new Map<string, number>();
  const users = ctx.content.users;
  if (isJsonObject(users)) {
    for (const [user, value] of Object.entries(users)) {
      const level = parsePowerLevelValue(value, syntax);
      if (level !== undefined) after.set(user, level);
    }
  }
  // "For each entry being changed in, or removed from, the users property, other than the sender's
  // own entry: If the current value is greater than or equal to the sender's current power level,
  // reject." Equal matters: a user may not demote a peer.
  for (const [user, old] of before) {
    if (user !== sender && after.get(user) !== old && old >= senderPower) {
      return ctx.deny(
        'powerLevels.users.current',
        `cannot change the level of ${user}, not below the sender's`,
      );
    }
  }
  for (const [user, level] of after) {
    if (before.get(user) !== level && level > senderPower) {
      return ctx.deny('powerLevels.users.new', `new level of ${user} is above the sender's level`);
    }
  }
  return ALLOWED;
}
