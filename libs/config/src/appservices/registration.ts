/** One namespace entry of a registration: `{exclusive, regex}`. */
export interface NamespaceRuleConfig {
  regex: string;
  exclusive: boolean;
}

/**
 * An application service registration file, as every bridge writes it (application-service-api
 * "Registration"), after validation. Unstable names are folded into the stable flags:
 * `receive_ephemeral` is also `de.sorunome.msc2409.push_ephemeral` and `push_ephemeral`.
 */
export interface AppserviceRegistration {
  /** The file it was read from, for log lines and problem reports. */
  file: string;
  id: string;
  /** Where transactions and queries go; null: the application service receives nothing. */
  url: string | null;
  as_token: string;
  hs_token: string;
  sender_localpart: string;
  namespaces: {
    users: NamespaceRuleConfig[];
    aliases: NamespaceRuleConfig[];
    rooms: NamespaceRuleConfig[];
  };
  /** False exempts its requests from rate limits. Default true. */
  rate_limited: boolean;
  /** The third-party protocols it bridges (client-server-api "Third-party Networks"). */
  protocols: string[];
  /** MSC2409: typing, receipts and presence in its transactions. */
  receive_ephemeral: boolean;
  /** MSC3202 (`org.matrix.msc3202`): `?device_id=` masquerading, device lists and OTK counts in transactions. */
  msc3202: boolean;
  /** MSC4190 (`io.element.msc4190`): it creates and deletes its users' devices itself. */
  msc4190: boolean;
}
