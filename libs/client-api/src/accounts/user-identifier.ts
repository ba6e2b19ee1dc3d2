import { MatrixError, tryParseUserId } from '@switchboard/protocol';
import { isJsonObject, JsonObject, stringField } from './request-body';

/**
 * The user ID a login or `m.login.password` stage names (client-server-api "Identifier types"):
 * `identifier: {type: "m.id.user", user}` with a full user ID or a localpart, or the deprecated
 * top-level `user`. Third-party identifiers are for `thirdPartyIdentifier` to resolve first; here
 * they are refused with 403: "In the case that the homeserver does not know about the supplied
 * 3PID, the homeserver must respond with 403 Forbidden". Returns null when the ID is not one of
 * this server's.
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

/**
 * The 3PID `body` logs in with: `identifier: {type: "m.id.thirdparty", medium, address}` or the
 * deprecated top-level `medium` and `address`; null when it names a user instead. E-mail
 * addresses are compared in lower case, as they are stored.
 */
export function thirdPartyIdentifier(body: JsonObject): { medium: string; address: string } | null {
  const identifier = body.identifier ?? undefined;
  let source: JsonObject;
  if (isJsonObject(identifier)) {
    if (identifier.type !== 'm.id.thirdparty') return null;
    source = identifier;
  } else if (
    identifier === undefined &&
    (body.user ?? undefined) === undefined &&
    body.medium !== undefined
  ) {
    source = body;
  } else {
    return null;
  }
  const medium = stringField(source, 'medium', { required: true });
  const address = stringField(source, 'address', { required: true });
  return { medium, address: medium === 'email' ? address.toLowerCase() : address };
}

export function unknownThirdParty(): MatrixError {
  return new MatrixError('M_FORBIDDEN', 403, 'Third-party identifier is not known to this server');
}
