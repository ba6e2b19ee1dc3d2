import { isValidUserId, MatrixError } from '@switchboard/protocol';
import { isJsonObject, JsonObject } from '../accounts/request-body';

/** User ID to device ID (or `*`) to content: the `messages` of PUT /sendToDevice. */
export type ToDeviceMessages = Record<string, Record<string, JsonObject>>;

/**
 * The request body's `messages` (client-server-api "PUT /sendToDevice"): "A map from user ID, to a
 * map from device ID to message body", each body an object.
 */
export function parseToDeviceMessages(body: JsonObject): ToDeviceMessages {
  const messages = body.messages ?? undefined;
  if (messages === undefined) throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: messages');
  if (!isJsonObject(messages)) throw badJson('messages must be an object');
  const parsed: ToDeviceMessages = {};
  for (const [userId, byDevice] of Object.entries(messages)) {
    if (!isValidUserId(userId)) throw new MatrixError('M_INVALID_PARAM', 400, `Invalid user ID: ${userId}`);
    if (!isJsonObject(byDevice)) throw badJson(`messages of ${userId} must be an object`);
    for (const [deviceId, content] of Object.entries(byDevice)) {
      if (!isJsonObject(content)) throw badJson(`the message for ${userId} ${deviceId} must be an object`);
    }
    parsed[userId] = byDevice as Record<string, JsonObject>;
  }
  return parsed;
}

function badJson(message: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, message);
}
