import { IdentifiedPdu, MatrixError, serverAllowedByAcl, StateMap, stateKey } from '@switchboard/protocol';

/** server-server-api "Server Access Control Lists (ACLs)" against a room's current state. */
export function aclAllows(state: StateMap<IdentifiedPdu>, serverName: string): boolean {
  return serverAllowedByAcl(state.get(stateKey('m.room.server_acl', ''))?.pdu.content, serverName);
}

/**
 * "If the server is denied access to a room, the receiving server MUST reply with a 403 HTTP
 * status code and an errcode of M_FORBIDDEN" (server-server-api "Server Access Control Lists
 * (ACLs)", for make/send join, leave, knock, invite and the room read endpoints). A room we do not
 * know has no ACL here.
 */
export function requireAclAllows(aclEvent: IdentifiedPdu | undefined, serverName: string): void {
  if (!serverAllowedByAcl(aclEvent?.pdu.content, serverName))
    throw new MatrixError('M_FORBIDDEN', 403, 'Server is banned from the room');
}
