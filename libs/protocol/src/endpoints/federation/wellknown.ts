import { Endpoint } from '../endpoint.types';

/** server-server-api "Server discovery": `GET /.well-known/matrix/server`. */
export const getServerWellKnown: Endpoint = {
  operationId: 'getWellKnown',
  method: 'GET',
  path: '/.well-known/matrix/server',
  auth: 'none',
  section: 'wellknown',
};

export interface ServerWellKnown {
  'm.server': string;
}
