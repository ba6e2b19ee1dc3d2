import { parseThirdPartyInstanceId } from '@switchboard/appservice';
import { MatrixError } from '@switchboard/protocol';

/**
 * Which published room directory /publicRooms lists (client-server-api "Published room
 * directory"): the server's own by default; every directory, the server's and each application
 * service's, with `include_all_networks`; one application service's directory of one network with
 * `third_party_instance_id` (an `instance_id` of /thirdparty/protocols).
 */
export type PublicRoomsNetwork =
  { kind: 'server' } | { kind: 'all' } | { kind: 'instance'; appserviceId: string; networkId: string };

/**
 * From the request's `include_all_networks` (a boolean, or "true"/"false" in a query string) and
 * `third_party_instance_id`, which "can only be used if `include_all_networks` is false".
 */
export function publicRoomsNetwork(
  includeAllNetworks: unknown,
  thirdPartyInstanceId: unknown,
): PublicRoomsNetwork {
  const all = booleanParam(includeAllNetworks);
  if (thirdPartyInstanceId === undefined || thirdPartyInstanceId === null) {
    return all ? { kind: 'all' } : { kind: 'server' };
  }
  if (typeof thirdPartyInstanceId !== 'string') {
    throw new MatrixError('M_INVALID_PARAM', 400, 'third_party_instance_id must be a string');
  }
  if (all) {
    throw new MatrixError(
      'M_INVALID_PARAM',
      400,
      'third_party_instance_id cannot be used with include_all_networks',
    );
  }
  const instance = parseThirdPartyInstanceId(thirdPartyInstanceId);
  if (!instance)
    throw new MatrixError('M_INVALID_PARAM', 400, `Unknown third_party_instance_id ${thirdPartyInstanceId}`);
  return { kind: 'instance', ...instance };
}

function booleanParam(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new MatrixError('M_INVALID_PARAM', 400, 'include_all_networks must be a boolean');
}
