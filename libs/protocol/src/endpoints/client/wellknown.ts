import { Endpoint } from '../endpoint.types';

/** client-server-api "Server Discovery": `GET /.well-known/matrix/client`. */
export const getWellknown: Endpoint = {
  operationId: 'getWellknown',
  method: 'GET',
  path: '/.well-known/matrix/client',
  auth: 'none',
  section: 'wellknown',
};

export interface ClientWellKnown {
  'm.homeserver': { base_url: string };
  'm.identity_server'?: { base_url: string };
}
