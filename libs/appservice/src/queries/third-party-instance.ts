/**
 * The `instance_id` this server gives each instance an application service lists for a protocol
 * (client-server-api "Third-party Networks": "to include an `instance_id` to serve as a unique
 * identifier for each instance on the homeserver"), and which clients hand back as
 * `third_party_instance_id` to list that instance's published rooms. It is the application
 * service's ID and the instance's `network_id` joined by `|`, the form Synapse uses and SyTest
 * builds by hand; an application service's directory for a network is keyed the same way.
 */
export interface ThirdPartyInstance {
  appserviceId: string;
  networkId: string;
}

export function thirdPartyInstanceId(instance: ThirdPartyInstance): string {
  return `${instance.appserviceId}|${instance.networkId}`;
}

/** Undefined for a string that is not such an ID. The network ID may itself contain `|`. */
export function parseThirdPartyInstanceId(id: string): ThirdPartyInstance | undefined {
  const bar = id.indexOf('|');
  if (bar <= 0 || bar === id.length - 1) return undefined;
  return { appserviceId: id.slice(0, bar), networkId: id.slice(bar + 1) };
}
