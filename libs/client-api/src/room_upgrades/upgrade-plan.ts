import {
  EventTemplate,
  IdentifiedPdu,
  JsonObject,
  RoomVersion,
  StateMap,
  stateEvent,
  stateKey,
} from '@switchboard/protocol';

/** modules/room_upgrades "Server behaviour" 3: "the recommended state events to transfer". */
const TRANSFERRED = [
  'm.room.server_acl',
  'm.room.encryption',
  'm.room.name',
  'm.room.avatar',
  'm.room.topic',
  'm.room.guest_access',
  'm.room.history_visibility',
  'm.room.join_rules',
  'm.room.canonical_alias',
];

const CREATOR_LEVEL = 100;

export interface UpgradeInput {
  upgrader: string;
  oldState: StateMap<IdentifiedPdu>;
  oldRoomId: string;
  /**
   * The tombstone's ID when it could be sent before the new room existed (room versions whose room
   * ID is not derived from the create event); "When upgrading to room version 12 or later, the
   * `event_id` property inside `predecessor` MAY be omitted."
   */
  predecessorEventId?: string;
  newVersion: RoomVersion;
  /** Only read when the new version has creator privileges. */
  additionalCreators: readonly string[];
  upgraderProfile: JsonObject;
}

export interface UpgradePlan {
  createContent: JsonObject;
  initialEvents: EventTemplate[];
}

/**
 * The replacement room: a create event with `predecessor` and the old room's `type` (step 2),
 * the upgrader's join, the old power levels, then the transferred state (step 3) and the bans,
 * which keep banned users out of the new room as they were of the old one. Where the
 * upgrader's level in the new room would not let them send all of that, they are raised first
 * and the old levels are sent last, so the new room ends with the old room's power levels.
 */
export function planUpgrade(input: UpgradeInput): UpgradePlan {
  const { upgrader, newVersion, oldState } = input;
  const oldCreate = oldState.get(stateKey('m.room.create', ''))?.pdu.content;
  const predecessor: JsonObject = { room_id: input.oldRoomId };
  if (input.predecessorEventId !== undefined) predecessor.event_id = input.predecessorEventId;
  const createContent: JsonObject = { predecessor };
  if (typeof oldCreate?.type === 'string') createContent.type = oldCreate.type;
  // A room that does not federate is replaced by one that does not either ("m.federate" cannot change later).
  if (oldCreate?.['m.federate'] !== undefined) createContent['m.federate'] = oldCreate['m.federate'];
  const creators = new Set([upgrader]);
  if (newVersion.creatorPrivileges && input.additionalCreators.length > 0) {
    createContent.additional_creators = [...input.additionalCreators];
    for (const c of input.additionalCreators) creators.add(c);
  }

  const oldLevels = oldState.get(stateKey('m.room.power_levels', ''))?.pdu.content ?? {};
  const finalLevels = levelsFor(oldLevels, newVersion, creators, upgrader);
  const transferred = TRANSFERRED.map((type) => oldState.get(stateKey(type, ''))).filter(
    (e): e is IdentifiedPdu => e !== undefined,
  );
  const bans = [...oldState.values()].filter(
    (e) => e.pdu.type === 'm.room.member' && e.pdu.content.membership === 'ban',
  );
  const needed = Math.max(
    CREATOR_LEVEL,
    ...transferred.map((e) => requiredLevel(finalLevels, e.pdu.type)),
    requiredLevel(finalLevels, 'm.room.power_levels'),
    bans.length > 0 ? numberOr(finalLevels.ban, 50) : 0,
  );
  const upgraderLevel = numberOr(
    objectOr(finalLevels.users)[upgrader],
    numberOr(finalLevels.users_default, 0),
  );
  const raise = !newVersion.creatorPrivileges && upgraderLevel < needed;
  const first = raise
    ? { ...finalLevels, users: { ...objectOr(finalLevels.users), [upgrader]: needed } }
    : finalLevels;

  const events: EventTemplate[] = [
    stateEvent('m.room.member', upgrader, { ...input.upgraderProfile, membership: 'join' }),
    stateEvent('m.room.power_levels', '', first),
    ...transferred.map((e) => stateEvent(e.pdu.type, '', e.pdu.content)),
    ...bans.map((e) => stateEvent('m.room.member', e.pdu.state_key as string, e.pdu.content)),
  ];
  if (raise) events.push(stateEvent('m.room.power_levels', '', finalLevels));
  return { createContent, initialEvents: events };
}

/**
 * Step 6: "the power levels in the old room should also be modified to prevent sending of events
 * and inviting new users. For example, setting `events_default` and `invite` to the greater of
 * `50` and `users_default + 1`."
 */
export function restrictedOldLevels(oldState: StateMap<IdentifiedPdu>): JsonObject {
  const levels = oldState.get(stateKey('m.room.power_levels', ''))?.pdu.content ?? {};
  const restricted = Math.max(50, numberOr(levels.users_default, 0) + 1);
  return { ...levels, events_default: restricted, invite: restricted };
}

/**
 * The old levels as they must read in the new room version: from v12 creators have infinite power
 * and may not be listed in `users`; before v12 the upgrader needs a level, at least the creator's
 * default of 100, which an upgrade from v12 (where they may have been an unlisted creator) supplies.
 */
function levelsFor(
  old: JsonObject,
  version: RoomVersion,
  creators: ReadonlySet<string>,
  upgrader: string,
): JsonObject {
  const users: JsonObject = { ...objectOr(old.users) };
  if (version.creatorPrivileges) {
    for (const c of creators) delete users[c];
  } else if (typeof users[upgrader] !== 'number' || (users[upgrader] as number) < CREATOR_LEVEL) {
    users[upgrader] = Math.max(CREATOR_LEVEL, numberOr(users[upgrader], 0));
  }
  const levels: JsonObject = { ...old, users };
  if (version.creatorPrivileges) {
    // create_room.yaml: in v12 "the power level for sending m.room.tombstone events MUST explicitly be higher than state_default".
    const events = objectOr(levels.events);
    const stateDefault = numberOr(levels.state_default, 50);
    if (numberOr(events['m.room.tombstone'], stateDefault) <= stateDefault) {
      levels.events = { ...events, 'm.room.tombstone': Math.max(150, stateDefault + 1) };
    }
  }
  return levels;
}

function requiredLevel(levels: JsonObject, type: string): number {
  return numberOr(objectOr(levels.events)[type], numberOr(levels.state_default, 50));
}

function objectOr(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
