import { tryParseServerName } from '../identifiers/server-name';
import { JsonObject } from '../events/pdu.types';
import { matchesPushGlob } from '../push-rules/glob';

/**
 * Whether a server may take part in a room under its `m.room.server_acl` content (undefined when
 * the room has none), in the order of the event's description:
 * "1. If there is no m.room.server_acl event in the room state, allow. 2. If the server name is an
 * IP address (v4 or v6) literal, and allow_ip_literals is present and false, deny. 3. If the
 * server name matches an entry in the deny list, deny. 4. If the server name matches an entry in
 * the allow list, allow. 5. Otherwise, deny." The globs are case-insensitive and "the suspect
 * server's port number must not be considered".
 */
export function serverAllowedByAcl(acl: JsonObject | undefined, serverName: string): boolean {
  if (acl === undefined) return true;
  const parsed = tryParseServerName(serverName);
  if (typeof parsed === 'string') return false;
  if (acl.allow_ip_literals === false && parsed.hostKind !== 'dns') return false;
  const host = parsed.host;
  const matches = (list: unknown) =>
    Array.isArray(list) &&
    list.some((glob) => typeof glob === 'string' && matchesPushGlob(glob, host, 'whole-value'));
  if (matches(acl.deny)) return false;
  return matches(acl.allow);
}
