import {
  createRoom,
  deleteProfileField,
  Endpoint,
  inviteUser,
  joinRoom,
  joinRoomById,
  knockRoom,
  sendMessage,
  setProfileField,
  setRoomStateWithKey,
  upgradeRoom,
} from '@switchboard/protocol';

type Refusal = (params: Record<string, string>, body: unknown) => boolean;

const always: Refusal = () => true;

/**
 * client-server-api "Account suspension": "the recommended set of explicitly forbidden actions is:
 * Joining or knocking on rooms. Accepting or sending invites. Sending messages to rooms. Changing
 * profile data". Everything else stays allowed, in particular what the spec says a suspended user
 * SHOULD be able to do: read, leave and reject invites, redact their own events, log out, manage
 * devices and keys, deactivate. Creating or upgrading a room would send events as the user.
 */
const REFUSED = new Map<string, Refusal>([
  [createRoom.operationId, always],
  [upgradeRoom.operationId, always],
  [joinRoom.operationId, always],
  [joinRoomById.operationId, always],
  [knockRoom.operationId, always],
  [inviteUser.operationId, always],
  // "a user may be allowed to send m.room.redaction events but not m.room.message events through /send".
  [sendMessage.operationId, (params) => params.eventType !== 'm.room.redaction'],
  // A membership event through the state API is allowed only to leave (or reject an invite).
  [setRoomStateWithKey.operationId, (params, body) => params.eventType !== 'm.room.member' || !isLeave(body)],
  [setProfileField.operationId, always],
  [deleteProfileField.operationId, always],
]);

/** Whether a suspended account is refused this request (403 M_USER_SUSPENDED). */
export function refusedWhileSuspended(endpoint: Endpoint, params: unknown, body: unknown): boolean {
  const refusal = REFUSED.get(endpoint.operationId);
  return refusal !== undefined && refusal((params ?? {}) as Record<string, string>, body);
}

function isLeave(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && (body as { membership?: unknown }).membership === 'leave'
  );
}
