import { MatrixError, tryParseUserId } from '@switchboard/protocol';
import { isJsonObject, JsonObject, stringField } from './request-body';

/**
 * The user ID a login or `m.login.password` stage names (client-server-api "Identifier types"):
 * `identifier: {type: "m.id.user", user}` with a full user ID or a localpart, or the deprecated
 * top-level `user`. Third-party identifiers are refused with 403: this server binds no 3PIDs, and
 * "In the case that the homeserver does not know about the supplied 3PID, the homeserver must
 * respond with 403 Forbidden". Returns null when the ID is not one of this server's.
 */
export function identifiedUserId(body: JsonObject, serverName: string): string | null {
  const identifier = body.identifier ?? undefined;
  let user: string;
  if (identifier !== undefined) {
    if (!isJsonObject(identifier))
      throw new MatrixError('M_INVALID_PARAM', 400, 'Parameter identifier must be an object');
    const type = stringField(identifier, 'type', { required: true });
    if (type === 'm.id.thirdparty' || type === 'm.id.phone') throw unknownThirdParty();
    if (type !== 'm.id.user') throw new MatrixError('M_UNKNOWN', 400, `Unknown identifier type: ${type}`);
    user = stringField(identifier, 'user', { required: true });
  } else if (body.user !== undefined && body.user !== null) {
    user = stringField(body, 'user', { required: true });
  } else if (body.medium !== undefined || body.address !== undefined) {
    throw unknownThirdParty();
  } else {
    throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: identifier');
  }
  const userId = user.startsWith('@') ? user : `@${user}:${serverName}`;
  const parsed = tryParseUserId(userId);
  return typeof parsed !== 'string' && parsed.serverName === serverName ? userId : null;
}

function unknownThirdParty(): MatrixError {
  return new MatrixError('M_FORBIDDEN', 403, 'Third-party identifier is not known to this server');
}
