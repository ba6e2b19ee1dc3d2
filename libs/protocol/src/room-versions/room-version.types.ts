/**
 * What differs between room versions (rooms/v1.md ... v12.md). Algorithms switch on these fields,
 * never on the version string, so a new version is one new row in room-versions.ts.
 */
export interface RoomVersion {
  readonly id: string;
  readonly stability: 'stable' | 'unstable';
  /** v1: `$opaque:server` in the event; v3: standard base64 reference hash; v4: URL-safe base64. */
  readonly eventIdFormat: 'v1' | 'v3' | 'v4';
  /** v1: event_id + [id, hash] references; v3: bare ids; v11: create has no `creator`; v12: room id from create. */
  readonly eventFormat: 'v1' | 'v3' | 'v11' | 'v12';
  readonly authRules: 'v1' | 'v3' | 'v6' | 'v7' | 'v8' | 'v10' | 'v11' | 'v12';
  /** v2.1 is room version 12's variant (conflicted state subgraph, starts from empty state). */
  readonly stateResolution: 'v1' | 'v2' | 'v2.1';
  readonly redaction: 'v1' | 'v6' | 'v9' | 'v11';
  /** v6: integers outside [-(2**53)+1, (2**53)-1] and floats make an event invalid. */
  readonly canonicalJson: 'v1' | 'v6';
  /** v5: a signing key may only be used within its valid_until_ts. */
  readonly enforceKeyValidity: boolean;
  /** v3: redaction events are authorised by their sender's power, not their target's (v3-handling-redactions). */
  readonly redactionsCheckedByRecipient: boolean;
  readonly knocking: boolean;
  readonly restrictedJoins: boolean;
  readonly knockRestrictedJoins: boolean;
  /** v10: power levels must be integers, not strings. */
  readonly integerPowerLevels: boolean;
  /** v12: the create event's sender and additional_creators have infinite power. */
  readonly creatorPrivileges: boolean;
  /** v12: the room ID is `!` + the create event's reference hash; the create event has no room_id. */
  readonly roomIdFromCreateEvent: boolean;
  /** v6: m.room.aliases has no special auth rule and no redaction protection. */
  readonly specialAliasesRules: boolean;
  /** v6: notifications.room is part of power levels auth. */
  readonly notificationsPowerLevels: boolean;
}
