import { thirdPartyInstanceId } from './third-party-instance';

type JsonObject = Record<string, unknown>;

/** What a protocol lookup answers (client-server-api "Third-party Networks", definitions/protocol.yaml). */
export interface ProtocolMetadata extends JsonObject {
  instances: JsonObject[];
}

/** A third-party location or user (definitions/location.yaml, user.yaml). */
export type ThirdPartyResult = JsonObject;

/** Location results name their portal room by `alias`, user results their Matrix user by `userid`. */
export type ThirdPartyKind = 'location' | 'user';
const ID_FIELD: Record<ThirdPartyKind, string> = { location: 'alias', user: 'userid' };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An application service's answer to GET /thirdparty/protocol/{protocol}, or undefined when it is
 * not metadata (no `instances` array: it could not be merged with others'). Each instance with a
 * `network_id` gets its `instance_id`. The answer is copied, never changed.
 */
export function protocolMetadataOf(answer: unknown, appserviceId: string): ProtocolMetadata | undefined {
  if (!isObject(answer) || !Array.isArray(answer.instances) || !answer.instances.every(isObject)) {
    return undefined;
  }
  const instances = (answer.instances as JsonObject[]).map((instance) =>
    typeof instance.network_id === 'string'
      ? { ...instance, instance_id: thirdPartyInstanceId({ appserviceId, networkId: instance.network_id }) }
      : { ...instance },
  );
  return { ...answer, instances };
}

/**
 * Several application services may bridge one protocol. Their metadata is merged as Synapse
 * merges it: the fields of the first answer (they ought to agree), the instances of all, in order.
 */
export function mergeProtocolMetadata(answers: readonly ProtocolMetadata[]): ProtocolMetadata | undefined {
  if (answers.length === 0) return undefined;
  return { ...answers[0], instances: answers.flatMap((a) => a.instances) };
}

/**
 * The entries of an application service's answer to a location or user lookup that are what the
 * spec describes (`protocol` and the kind's ID as strings, `fields` an object); an answer that is
 * not an array gives none.
 */
export function thirdPartyResultsOf(answer: unknown, kind: ThirdPartyKind): ThirdPartyResult[] {
  if (!Array.isArray(answer)) return [];
  const idField = ID_FIELD[kind];
  return answer.filter(
    (r): r is ThirdPartyResult =>
      isObject(r) && typeof r.protocol === 'string' && typeof r[idField] === 'string' && isObject(r.fields),
  );
}
