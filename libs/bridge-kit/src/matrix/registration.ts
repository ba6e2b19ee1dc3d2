import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';

export interface NamespaceRule {
  regex: string;
  exclusive: boolean;
}

/** The registration file of application-service-api "Registration", as Synapse and Switchboard read it. */
export interface Registration {
  id: string;
  url: string | null;
  as_token: string;
  hs_token: string;
  sender_localpart: string;
  namespaces: { users: NamespaceRule[]; aliases: NamespaceRule[]; rooms: NamespaceRule[] };
  rate_limited: boolean;
  receive_ephemeral: boolean;
  'de.sorunome.msc2409.push_ephemeral': boolean;
}

export interface BuildRegistrationOptions {
  id: string;
  url: string | null;
  serverName: string;
  botLocalpart: string;
  /** The ghosts' localpart with `{id}` for the escaped remote ID, e.g. `discord_{id}`. */
  ghostTemplate: string;
  /** Adds the server's local users as a non-exclusive namespace, so the bridge may act as them. */
  doublePuppet: boolean;
  asToken?: string;
  hsToken?: string;
}

export function buildRegistration(opts: BuildRegistrationOptions): Registration {
  const server = escapeRegex(opts.serverName);
  const [before, after] = splitTemplate(opts.ghostTemplate);
  const users: NamespaceRule[] = [
    { regex: `^@${escapeRegex(before)}.+${escapeRegex(after)}:${server}$`, exclusive: true },
  ];
  if (opts.doublePuppet) users.push({ regex: `^@.*:${server}$`, exclusive: false });
  return {
    id: opts.id,
    url: opts.url,
    as_token: opts.asToken ?? randomToken(),
    hs_token: opts.hsToken ?? randomToken(),
    sender_localpart: opts.botLocalpart,
    namespaces: {
      users,
      aliases: [{ regex: `^#${escapeRegex(opts.id)}_.+:${server}$`, exclusive: true }],
      rooms: [],
    },
    // The bridge sends what remote users said, at their pace: the homeserver must not throttle it.
    rate_limited: false,
    receive_ephemeral: true,
    'de.sorunome.msc2409.push_ephemeral': true,
  };
}

export function registrationYaml(registration: Registration): string {
  return stringify(registration);
}

/** 256 random bits as 64 hex characters. */
export function randomToken(): string {
  return randomBytes(32).toString('hex');
}

function splitTemplate(template: string): [string, string] {
  const at = template.indexOf('{id}');
  if (at < 0) throw new Error(`ghost localpart template "${template}" does not contain {id}`);
  return [template.slice(0, at), template.slice(at + '{id}'.length)];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
