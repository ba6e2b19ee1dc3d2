import { MatrixError } from '@switchboard/protocol';
import { RoomKeyRow } from '@switchboard/storage';
import { booleanField, isJsonObject, JsonObject, numberField } from '../accounts/request-body';

/**
 * A "KeyBackupData" of a request. `session_data` is algorithm-dependent and kept as given (Synapse
 * does the same, and SyTest backs up plain strings); the metadata the replacement rules compare
 * must be there and of the right type.
 */
export function parseKeyBackupData(value: unknown, roomId: string, sessionId: string): RoomKeyRow {
  if (!isJsonObject(value)) throw badJson(`the key of session ${sessionId} must be an object`);
  const firstMessageIndex = required(
    'first_message_index',
    numberField(value, 'first_message_index', { integer: true }),
  );
  const forwardedCount = required(
    'forwarded_count',
    numberField(value, 'forwarded_count', { integer: true }),
  );
  const isVerified = required('is_verified', booleanField(value, 'is_verified'));
  const sessionData = required('session_data', value.session_data ?? undefined);
  if (firstMessageIndex < 0 || forwardedCount < 0)
    throw badJson('first_message_index and forwarded_count must not be negative');
  return { roomId, sessionId, firstMessageIndex, forwardedCount, isVerified, sessionData };
}

/** A "RoomKeyBackup": `{"sessions": {sessionId: KeyBackupData}}`. */
export function parseRoomKeyBackup(value: unknown, roomId: string): RoomKeyRow[] {
  if (!isJsonObject(value)) throw badJson(`the keys of room ${roomId} must be an object`);
  const sessions = required('sessions', value.sessions ?? undefined);
  if (!isJsonObject(sessions)) throw badJson('sessions must be an object');
  return Object.entries(sessions).map(([sessionId, data]) => parseKeyBackupData(data, roomId, sessionId));
}

/** The body of PUT /room_keys/keys: `{"rooms": {roomId: RoomKeyBackup}}`. */
export function parseRoomsKeyBackup(body: JsonObject): RoomKeyRow[] {
  const rooms = required('rooms', body.rooms ?? undefined);
  if (!isJsonObject(rooms)) throw badJson('rooms must be an object');
  return Object.entries(rooms).flatMap(([roomId, backup]) => parseRoomKeyBackup(backup, roomId));
}

function required<T>(key: string, value: T | undefined): T {
  if (value === undefined) throw new MatrixError('M_MISSING_PARAM', 400, `Missing parameter: ${key}`);
  return value;
}

function badJson(message: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, message);
}
