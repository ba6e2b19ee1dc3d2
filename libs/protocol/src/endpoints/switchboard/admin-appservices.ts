import { NamespaceRule } from '../../appservice/namespace';
import { Endpoint } from '../endpoint.types';

/**
 * Switchboard's own admin API for application services; not in the spec (so not in
 * endpoints.tsv), under /_switchboard/admin/ as Synapse keeps its own under /_synapse/admin/.
 * Server admins only; the access token is checked as for the client-server API.
 */
export const listAppservices: Endpoint = {
  operationId: 'listAppservices',
  method: 'GET',
  path: '/_switchboard/admin/v1/appservices',
  auth: 'access_token',
  section: 'admin_appservices',
};

/** Re-reads the registration files, as SIGHUP does. */
export const reloadAppservices: Endpoint = {
  operationId: 'reloadAppservices',
  method: 'POST',
  path: '/_switchboard/admin/v1/appservices/reload',
  auth: 'access_token',
  section: 'admin_appservices',
};

/** One registered application service as listAppservices shows it: no tokens. */
export interface AdminAppservice {
  id: string;
  url: string | null;
  /** The user ID of its sender_localpart. */
  sender: string;
  namespaces: { users: NamespaceRule[]; aliases: NamespaceRule[]; rooms: NamespaceRule[] };
}

export interface AdminAppserviceList {
  appservices: AdminAppservice[];
}

/** The answer of reloadAppservices: the IDs now registered, in the config's file order. */
export interface AdminAppservicesReloaded {
  appservices: string[];
}

/** One problem of a registration file, in the 400 answer of reloadAppservices (`problems`). */
export interface AdminRegistrationProblem {
  file: string;
  /** `namespaces.users[0].regex`; '' for the file as a whole. */
  key_path: string;
  expected: string;
  got: string;
  /** 1-based; null when the problem has no place in the file (a missing file). */
  line: number | null;
}
