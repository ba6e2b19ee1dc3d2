import { RoomVersion } from '../room-versions/room-version.types';

type Rules = RoomVersion['redaction'];

/** Top-level keys that survive redaction (rooms/fragments v1-, v6-, v9-, v11-redactions). */
const KEPT_TOP_LEVEL_V1 = [
  'event_id',
  'type',
  'room_id',
  'sender',
  'state_key',
  'content',
  'hashes',
  'signatures',
  'depth',
  'prev_events',
  'prev_state',
  'auth_events',
  'origin',
  'origin_server_ts',
  'membership',
] as const;

/** v11: "The top-level origin, membership, and prev_state properties are no longer protected". */
const KEPT_TOP_LEVEL_V11 = KEPT_TOP_LEVEL_V1.filter(
  (k) => k !== 'origin' && k !== 'membership' && k !== 'prev_state',
);

const POWER_LEVELS_V1 = [
  'ban',
  'events',
  'events_default',
  'kick',
  'redact',
  'state_default',
  'users',
  'users_default',
] as const;

/** The content keys each event type keeps; `all` for v11's m.room.create, absent types keep none. */
const KEPT_CONTENT: Record<Rules, Readonly<Record<string, readonly string[] | 'all'>>> = {
  v1: {
    'm.room.member': ['membership'],
    'm.room.create': ['creator'],
    'm.room.join_rules': ['join_rule'],
    'm.room.power_levels': POWER_LEVELS_V1,
    'm.room.aliases': ['aliases'],
    'm.room.history_visibility': ['history_visibility'],
  },
  v6: {
    'm.room.member': ['membership'],
    'm.room.create': ['creator'],
    'm.room.join_rules': ['join_rule'],
    'm.room.power_levels': POWER_LEVELS_V1,
    'm.room.history_visibility': ['history_visibility'],
  },
  v9: {
    'm.room.member': ['membership', 'join_authorised_via_users_server'],
    'm.room.create': ['creator'],
    'm.room.join_rules': ['join_rule', 'allow'],
    'm.room.power_levels': POWER_LEVELS_V1,
    'm.room.history_visibility': ['history_visibility'],
  },
  v11: {
    'm.room.member': ['membership', 'join_authorised_via_users_server'],
    'm.room.create': 'all',
    'm.room.join_rules': ['join_rule', 'allow'],
    'm.room.power_levels': [...POWER_LEVELS_V1, 'invite'],
    'm.room.history_visibility': ['history_visibility'],
    'm.room.redaction': ['redacts'],
  },
};

export function keptTopLevelKeys(rules: Rules): ReadonlySet<string> {
  return rules === 'v11' ? TOP_LEVEL_V11 : TOP_LEVEL_V1;
}

export function keptContentKeys(rules: Rules, type: string): readonly string[] | 'all' {
  // Own-property lookup: an event type such as "constructor" must not find Object.prototype's.
  const table = KEPT_CONTENT[rules];
  return Object.prototype.hasOwnProperty.call(table, type) ? table[type] : [];
}

const TOP_LEVEL_V1: ReadonlySet<string> = new Set(KEPT_TOP_LEVEL_V1);
const TOP_LEVEL_V11: ReadonlySet<string> = new Set(KEPT_TOP_LEVEL_V11);
