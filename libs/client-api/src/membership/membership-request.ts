import { JsonObject as EventContent } from '@switchboard/protocol';
import { jsonObject, stringField } from '../accounts/request-body';

/**
 * What a join request adds to the member event: `reason`, and any other keys of the body, which
 * Synapse also carries into the event content ("can join a room with custom content").
 * `third_party_signed` proves a third-party invite and is not content; `membership` is the
 * server's to set.
 */
export function joinContentOf(body: unknown): EventContent {
  const request = jsonObject(body, { orEmpty: true });
  stringField(request, 'reason');
  const { third_party_signed: _signed, membership: _membership, ...content } = request;
  return content as EventContent;
}

/** The optional `reason` of a membership request; the body itself may be left out. */
export function reasonOf(body: unknown): string | undefined {
  return stringField(jsonObject(body, { orEmpty: true }), 'reason');
}

/** `{user_id, reason?}` of invite, kick, ban and unban; user_id is required. */
export function targetOf(body: unknown): { userId: string; reason: string | undefined } {
  const request = jsonObject(body);
  return {
    userId: stringField(request, 'user_id', { required: true }),
    reason: stringField(request, 'reason'),
  };
}

/** `via` and the older `server_name` query parameters of POST /join/{roomIdOrAlias}, each repeatable. */
export function viaOf(query: unknown): string[] {
  const params = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  return [params.via, params.server_name]
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === 'string' && v !== '');
}
