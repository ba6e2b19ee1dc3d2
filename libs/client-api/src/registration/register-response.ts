import { RegisterResponse } from '@switchboard/protocol';
import { IssuedSession } from '../accounts/sessions.service';

/** The body of a successful POST /register that logged the new user in. */
export function registerResponse(
  serverName: string,
  userId: string,
  session: IssuedSession,
): RegisterResponse {
  return {
    user_id: userId,
    home_server: serverName,
    access_token: session.accessToken,
    device_id: session.deviceId,
    ...(session.refreshToken !== undefined
      ? { refresh_token: session.refreshToken, expires_in_ms: session.expiresInMs }
      : {}),
  };
}
