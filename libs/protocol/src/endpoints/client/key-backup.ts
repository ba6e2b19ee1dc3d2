import { Endpoint } from '../endpoint.types';

const keyBackup = (operationId: string, method: Endpoint['method'], path: string): Endpoint => ({
  operationId,
  method,
  path: `/_matrix/client/v3/room_keys/${path}`,
  auth: 'access_token',
  section: 'key_backup',
});

/** client-server-api "Server-side key backups": backup versions. */
export const postRoomKeysVersion = keyBackup('postRoomKeysVersion', 'POST', 'version');
export const getRoomKeysVersionCurrent = keyBackup('getRoomKeysVersionCurrent', 'GET', 'version');
export const getRoomKeysVersion = keyBackup('getRoomKeysVersion', 'GET', 'version/{version}');
export const putRoomKeysVersion = keyBackup('putRoomKeysVersion', 'PUT', 'version/{version}');
export const deleteRoomKeysVersion = keyBackup('deleteRoomKeysVersion', 'DELETE', 'version/{version}');

/** client-server-api "Server-side key backups": the keys of a version, all, a room's or a session's. */
export const getRoomKeys = keyBackup('getRoomKeys', 'GET', 'keys');
export const putRoomKeys = keyBackup('putRoomKeys', 'PUT', 'keys');
export const deleteRoomKeys = keyBackup('deleteRoomKeys', 'DELETE', 'keys');
export const getRoomKeysByRoomId = keyBackup('getRoomKeysByRoomId', 'GET', 'keys/{roomId}');
export const putRoomKeysByRoomId = keyBackup('putRoomKeysByRoomId', 'PUT', 'keys/{roomId}');
export const deleteRoomKeysByRoomId = keyBackup('deleteRoomKeysByRoomId', 'DELETE', 'keys/{roomId}');
export const getRoomKeyBySessionId = keyBackup('getRoomKeyBySessionId', 'GET', 'keys/{roomId}/{sessionId}');
export const putRoomKeyBySessionId = keyBackup('putRoomKeyBySessionId', 'PUT', 'keys/{roomId}/{sessionId}');
export const deleteRoomKeyBySessionId = keyBackup(
  'deleteRoomKeyBySessionId',
  'DELETE',
  'keys/{roomId}/{sessionId}',
);

/** "KeyBackupData": one backed-up session key. */
export interface KeyBackupData {
  first_message_index: number;
  forwarded_count: number;
  is_verified: boolean;
  session_data: unknown;
}

/** "RoomKeysUpdateResponse". */
export interface RoomKeysUpdateResponse {
  etag: string;
  count: number;
}
