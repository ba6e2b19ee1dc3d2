import { Endpoint } from '../endpoint.types';

/** server-server-api "Publishing Keys": `GET /_matrix/key/v2/server`. */
export const getServerKey: Endpoint = {
  operationId: 'getServerKey',
  method: 'GET',
  path: '/_matrix/key/v2/server',
  auth: 'none',
  section: 'keys_server',
};

export interface ServerKeys {
  server_name: string;
  verify_keys: Record<string, { key: string }>;
  old_verify_keys: Record<string, { key: string; expired_ts: number }>;
  valid_until_ts: number;
  signatures?: Record<string, Record<string, string>>;
}
