import { IdentifiedPdu, serverAllowedByAcl, StateMap, stateKey } from '@switchboard/protocol';

/** server-server-api "Server Access Control Lists (ACLs)" against a room's current state. */
export function aclAllows(state: StateMap<IdentifiedPdu>, serverName: string): boolean {
  return serverAllowedByAcl(state.get(stateKey('m.room.server_acl', ''))?.pdu.content, serverName);
}
