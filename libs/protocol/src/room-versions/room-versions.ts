import { RoomVersion } from './room-version.types';

const v1: RoomVersion = {
  id: '1',
  stability: 'stable',
  eventIdFormat: 'v1',
  eventFormat: 'v1',
  authRules: 'v1',
  stateResolution: 'v1',
  redaction: 'v1',
  canonicalJson: 'v1',
  enforceKeyValidity: false,
  redactionsCheckedByRecipient: false,
  knocking: false,
  restrictedJoins: false,
  knockRestrictedJoins: false,
  integerPowerLevels: false,
  creatorPrivileges: false,
  roomIdFromCreateEvent: false,
  specialAliasesRules: true,
  notificationsPowerLevels: false,
};
const v2: RoomVersion = { ...v1, id: '2', stateResolution: 'v2' };
const v3: RoomVersion = {
  ...v2,
  id: '3',
  eventIdFormat: 'v3',
  eventFormat: 'v3',
  authRules: 'v3',
  redactionsCheckedByRecipient: true,
};
const v4: RoomVersion = { ...v3, id: '4', eventIdFormat: 'v4' };
const v5: RoomVersion = { ...v4, id: '5', enforceKeyValidity: true };
const v6: RoomVersion = {
  ...v5,
  id: '6',
  authRules: 'v6',
  redaction: 'v6',
  canonicalJson: 'v6',
  specialAliasesRules: false,
  notificationsPowerLevels: true,
};
const v7: RoomVersion = { ...v6, id: '7', authRules: 'v7', knocking: true };
const v8: RoomVersion = { ...v7, id: '8', authRules: 'v8', restrictedJoins: true };
const v9: RoomVersion = { ...v8, id: '9', redaction: 'v9' };
const v10: RoomVersion = {
  ...v9,
  id: '10',
  authRules: 'v10',
  knockRestrictedJoins: true,
  integerPowerLevels: true,
};
const v11: RoomVersion = { ...v10, id: '11', eventFormat: 'v11', authRules: 'v11', redaction: 'v11' };
const v12: RoomVersion = {
  ...v11,
  id: '12',
  eventFormat: 'v12',
  authRules: 'v12',
  stateResolution: 'v2.1',
  creatorPrivileges: true,
  roomIdFromCreateEvent: true,
};

export const ROOM_VERSIONS: ReadonlyMap<string, RoomVersion> = new Map(
  [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12].map((v) => [v.id, v]),
);

/** Room version 12 is the spec's default (rooms/_index.md "Room versions"). */
export const DEFAULT_ROOM_VERSION = '12';

export function roomVersion(id: string): RoomVersion | undefined {
  return ROOM_VERSIONS.get(id);
}
