import { RoomVersion } from '../room-versions/room-version.types';
import { IdentifiedPdu, StateMap } from '../state/state-map';
import { isJsonObject } from './json-object';
import { parsePowerLevelValue, PowerLevelSyntax, powerLevelSyntax } from './power-level-value';
import { CREATE_KEY, POWER_LEVELS_KEY } from './room-state-keys';

/**
 * Defaults of the named levels when absent from m.room.power_levels, or when the room has none
 * (m.room.power_levels schema; server-server-api "Definitions").
 */
export const POWER_LEVEL_DEFAULTS = {
  users_default: 0,
  events_default: 0,
  state_default: 50,
  ban: 50,
  redact: 50,
  kick: 50,
  invite: 0,
} as const;

export type NamedPowerLevel = keyof typeof POWER_LEVEL_DEFAULTS;

/** In the order the auth rules list them ("For the properties users_default, events_default, ..."). */
export const NAMED_POWER_LEVELS: readonly NamedPowerLevel[] = [
  'users_default',
  'events_default',
  'state_default',
  'ban',
  'redact',
  'kick',
  'invite',
];

/** "notifications.room: The level required to trigger an @room notification. Defaults to 50". */
export const ROOM_NOTIFICATION_DEFAULT = 50;

/** Without a power levels event, "the room's creator has a power level of 100" (v1-v11). */
export const CREATOR_DEFAULT_POWER_LEVEL = 100;

/**
 * The values one m.room.power_levels event sets. A value the room version cannot read as a power
 * level is left out, exactly as if it were absent, so that state already accepted by other servers
 * never makes a lookup fail.
 */
export interface PowerLevelsContent {
  readonly named: Readonly<Partial<Record<NamedPowerLevel, number>>>;
  readonly events: ReadonlyMap<string, number>;
  readonly notifications: ReadonlyMap<string, number>;
  readonly users: ReadonlyMap<string, number>;
}

function levelMap(value: unknown, syntax: PowerLevelSyntax): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  if (!isJsonObject(value)) return map;
  for (const [key, raw] of Object.entries(value)) {
    const level = parsePowerLevelValue(raw, syntax);
    if (level !== undefined) map.set(key, level);
  }
  return map;
}

export function parsePowerLevelsContent(content: unknown, syntax: PowerLevelSyntax): PowerLevelsContent {
  const object = isJsonObject(content) ? content : {};
  const named: Partial<Record<NamedPowerLevel, number>> = {};
  for (const name of NAMED_POWER_LEVELS) {
    const level = parsePowerLevelValue(object[name], syntax);
    if (level !== undefined) named[name] = level;
  }
  return {
    named,
    events: levelMap(object.events, syntax),
    notifications: levelMap(object.notifications, syntax),
    users: levelMap(object.users, syntax),
  };
}

const contentCache: Record<PowerLevelSyntax, WeakMap<IdentifiedPdu, PowerLevelsContent>> = {
  'stringy-floaty': new WeakMap(),
  stringy: new WeakMap(),
  integer: new WeakMap(),
};

/** Parsed content of a power levels event, cached per event object (events are immutable). */
export function powerLevelsContentOf(version: RoomVersion, event: IdentifiedPdu): PowerLevelsContent {
  const syntax = powerLevelSyntax(version);
  const cache = contentCache[syntax];
  let parsed = cache.get(event);
  if (parsed === undefined) {
    parsed = parsePowerLevelsContent(event.pdu.content, syntax);
    cache.set(event, parsed);
  }
  return parsed;
}

/**
 * The room creators (rooms/v12 "Authorisation rules"): the create event's sender plus
 * content.additional_creators where creators have privileges (v12); otherwise the one creator,
 * `content.creator` up to v10 and the sender from v11 ("Remove the creator property").
 */
export function roomCreators(version: RoomVersion, create: IdentifiedPdu | undefined): ReadonlySet<string> {
  const creators = new Set<string>();
  if (create === undefined) return creators;
  const { pdu } = create;
  const content: Record<string, unknown> = isJsonObject(pdu.content) ? pdu.content : {};
  if (version.eventFormat === 'v1' || version.eventFormat === 'v3') {
    if (typeof content.creator === 'string') creators.add(content.creator);
    return creators;
  }
  if (typeof pdu.sender === 'string') creators.add(pdu.sender);
  if (version.creatorPrivileges && Array.isArray(content.additional_creators)) {
    for (const user of content.additional_creators) if (typeof user === 'string') creators.add(user);
  }
  return creators;
}

/**
 * The power levels in force in a state: the m.room.power_levels event if any, else the defaults,
 * with the creator rules of the room version applied.
 */
export class PowerLevels {
  constructor(
    /** Undefined when the room has no m.room.power_levels event. */
    readonly content: PowerLevelsContent | undefined,
    readonly creators: ReadonlySet<string>,
    /** v12: creators have an infinite, immutable power level. */
    readonly creatorsInfinite: boolean,
  ) {}

  userPowerLevel(userId: string): number {
    if (this.creatorsInfinite && this.creators.has(userId)) return Number.POSITIVE_INFINITY;
    if (this.content === undefined) {
      // v12: "When m.room.power_levels is not in the room however, all other users have a power level of 0."
      return !this.creatorsInfinite && this.creators.has(userId) ? CREATOR_DEFAULT_POWER_LEVEL : 0;
    }
    return this.content.users.get(userId) ?? this.level('users_default');
  }

  /** A named level (ban, kick, invite, redact, users_default, events_default, state_default). */
  level(name: NamedPowerLevel): number {
    return this.content?.named[name] ?? POWER_LEVEL_DEFAULTS[name];
  }

  /**
   * server-server-api "Required Power Level": `events[type]`, else `state_default` for a state
   * event or `events_default` for any other.
   */
  requiredPowerLevel(eventType: string, isState: boolean): number {
    return this.content?.events.get(eventType) ?? this.level(isState ? 'state_default' : 'events_default');
  }

  /** The level needed to trigger a notification of this key; only `room` has a default (50). */
  notificationPowerLevel(key: string): number | undefined {
    return this.content?.notifications.get(key) ?? (key === 'room' ? ROOM_NOTIFICATION_DEFAULT : undefined);
  }
}

interface CachedLevels {
  readonly create: IdentifiedPdu | undefined;
  readonly levels: PowerLevels;
}

const levelsCache = new WeakMap<RoomVersion, WeakMap<IdentifiedPdu, CachedLevels>>();

/**
 * The power levels given a room's create and power levels events. Cached per (version, power
 * levels event or else create event, create event), so repeated auth checks against the same
 * state parse nothing.
 */
export function powerLevelsOf(
  version: RoomVersion,
  create: IdentifiedPdu | undefined,
  powerLevelsEvent: IdentifiedPdu | undefined,
): PowerLevels {
  const key = powerLevelsEvent ?? create;
  if (key === undefined) return new PowerLevels(undefined, new Set(), version.creatorPrivileges);
  let perVersion = levelsCache.get(version);
  if (perVersion === undefined) {
    perVersion = new WeakMap();
    levelsCache.set(version, perVersion);
  }
  const cached = perVersion.get(key);
  if (cached !== undefined && cached.create === create) return cached.levels;
  const levels = new PowerLevels(
    powerLevelsEvent === undefined ? undefined : powerLevelsContentOf(version, powerLevelsEvent),
    roomCreators(version, create),
    version.creatorPrivileges,
  );
  perVersion.set(key, { create, levels });
  return levels;
}

export function powerLevelsFromState(version: RoomVersion, state: StateMap<IdentifiedPdu>): PowerLevels {
  return powerLevelsOf(version, state.get(CREATE_KEY), state.get(POWER_LEVELS_KEY));
}

/** A user's power level in a state (the sender's level when authorising, or for state resolution). */
export function userPowerLevel(version: RoomVersion, state: StateMap<IdentifiedPdu>, userId: string): number {
  return powerLevelsFromState(version, state).userPowerLevel(userId);
}
