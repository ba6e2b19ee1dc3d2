import { EventTemplate, JsonObject, RoomVersion, stateEvent, stateKey } from '@switchboard/protocol';
import { CreateRoomRequest, Preset } from './create-room-request';

/** The preset table of create_room.yaml: join_rules, history_visibility, guest_access. */
const PRESET_STATE: Record<Preset, { join_rule: string; history_visibility: string; guest_access: string }> =
  {
    private_chat: { join_rule: 'invite', history_visibility: 'shared', guest_access: 'can_join' },
    trusted_private_chat: { join_rule: 'invite', history_visibility: 'shared', guest_access: 'can_join' },
    public_chat: { join_rule: 'public', history_visibility: 'shared', guest_access: 'forbidden' },
  };

/** Level of the room creator in versions 1-11, and of trusted_private_chat invitees. */
const CREATOR_LEVEL = 100;

export interface RoomPlan {
  createContent: JsonObject;
  /** Every event after m.room.create, in the order create_room.yaml lists. */
  initialEvents: EventTemplate[];
}

export interface PlanInput {
  creator: string;
  version: RoomVersion;
  request: CreateRoomRequest;
  /** `#<room_alias_name>:<server>` when the request names one. */
  alias?: string;
  /** displayname / avatar_url for the creator's join and nothing else. */
  creatorProfile: JsonObject;
  /**
   * Invitees of other servers: their server signs the invite first (server-server-api "Inviting
   * to a room"), so they are invited once the room exists, not among its initial events.
   */
  invitedLater?: ReadonlySet<string>;
}

/**
 * The events POST /createRoom sends, in the order create_room.yaml requires: create, the creator's
 * join, power levels, canonical alias, the preset's events, initial_state, name and topic, invites.
 * initial_state "takes precedence over events set by preset, but gets overridden by name and
 * topic", so an event a later step sets is not sent by an earlier one.
 */
export function planRoom(input: PlanInput): RoomPlan {
  const { creator, version, request } = input;
  const initial = new Map(request.initialState.map((e) => [stateKey(e.type, e.stateKey), e]));
  const setByInitialState = (type: string) => initial.has(stateKey(type, ''));
  const trustedInvitees = request.preset === 'trusted_private_chat' ? request.invite : [];

  const createContent: JsonObject = { ...request.creationContent };
  if (version.creatorPrivileges && trustedInvitees.length > 0) {
    // "the server SHOULD combine `additional_creators` specified here and the `invite` array"
    const given = Array.isArray(createContent.additional_creators) ? createContent.additional_creators : [];
    createContent.additional_creators = [...new Set([...given, ...trustedInvitees])];
  }

  const events: EventTemplate[] = [
    stateEvent('m.room.member', creator, { ...input.creatorProfile, membership: 'join' }),
  ];
  // Power levels from initial_state replace the defaults; the creator needs them from here on.
  const initialLevels = initial.get(stateKey('m.room.power_levels', ''));
  events.push(
    stateEvent('m.room.power_levels', '', {
      ...(initialLevels?.content ?? defaultPowerLevels(creator, version, request.preset, trustedInvitees)),
      ...request.powerLevelContentOverride,
    }),
  );
  if (input.alias !== undefined)
    events.push(stateEvent('m.room.canonical_alias', '', { alias: input.alias }));
  const preset = PRESET_STATE[request.preset];
  if (!setByInitialState('m.room.join_rules'))
    events.push(stateEvent('m.room.join_rules', '', { join_rule: preset.join_rule }));
  if (!setByInitialState('m.room.history_visibility'))
    events.push(
      stateEvent('m.room.history_visibility', '', { history_visibility: preset.history_visibility }),
    );
  if (!setByInitialState('m.room.guest_access'))
    events.push(stateEvent('m.room.guest_access', '', { guest_access: preset.guest_access }));
  for (const e of request.initialState) {
    const overridden =
      e.stateKey === '' &&
      (e.type === 'm.room.power_levels' ||
        (e.type === 'm.room.name' && request.name !== undefined) ||
        (e.type === 'm.room.topic' && request.topic !== undefined));
    if (!overridden) events.push(stateEvent(e.type, e.stateKey, e.content));
  }
  if (request.name !== undefined) events.push(stateEvent('m.room.name', '', { name: request.name }));
  if (request.topic !== undefined) {
    // "an m.room.topic event with a text/plain mimetype"
    events.push(
      stateEvent('m.room.topic', '', {
        topic: request.topic,
        'm.topic': { 'm.text': [{ mimetype: 'text/plain', body: request.topic }] },
      }),
    );
  }
  for (const invitee of request.invite) {
    if (input.invitedLater?.has(invitee)) continue;
    const content: JsonObject = { membership: 'invite' };
    if (request.isDirect) content.is_direct = true;
    events.push(stateEvent('m.room.member', invitee, content));
  }
  return { createContent, initialEvents: events };
}

/**
 * Step 3 of create_room.yaml: "In room versions 1 through 11, the room creator (and not other
 * members) will be given permission to send state events. In room versions 12 and later, the room
 * creator is given infinite power level and cannot be specified in the `users` field", and there
 * "the power level for sending `m.room.tombstone` events MUST explicitly be higher than
 * `state_default`". trusted_private_chat: "All invitees are given the same power level as the room
 * creator" (in v12 they are additional creators instead).
 */
export function defaultPowerLevels(
  creator: string,
  version: RoomVersion,
  preset: Preset,
  trustedInvitees: readonly string[],
): JsonObject {
  const users: JsonObject = {};
  if (!version.creatorPrivileges) {
    users[creator] = CREATOR_LEVEL;
    for (const invitee of trustedInvitees) users[invitee] = CREATOR_LEVEL;
  }
  return {
    users,
    users_default: 0,
    events: {
      'm.room.name': 50,
      'm.room.power_levels': 100,
      'm.room.history_visibility': 100,
      'm.room.canonical_alias': 50,
      'm.room.avatar': 50,
      'm.room.tombstone': version.creatorPrivileges ? 150 : 100,
      'm.room.server_acl': 100,
      'm.room.encryption': 100,
    },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    // Private rooms let every member invite; a public room keeps that to moderators.
    invite: preset === 'public_chat' ? 50 : 0,
    historical: 100,
  };
}
