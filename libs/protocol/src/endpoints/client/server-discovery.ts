import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /.well-known/matrix/support" (Support Discovery API). */
export const getWellknownSupport: Endpoint = {
  operationId: 'getWellknownSupport',
  method: 'GET',
  path: '/.well-known/matrix/support',
  auth: 'none',
  section: 'support',
};

export interface SupportContact {
  matrix_id?: string;
  email_address?: string;
  role: string;
}

export interface WellknownSupport {
  contacts?: SupportContact[];
  support_page?: string;
}

/** client-server-api "GET /.well-known/matrix/policy_server" (Policy Servers). */
export const getWellknownPolicy: Endpoint = {
  operationId: 'getWellknownPolicy',
  method: 'GET',
  path: '/.well-known/matrix/policy_server',
  auth: 'none',
  section: 'policy_server',
};

/** client-server-api "GET /_matrix/client/v1/auth_metadata" (OAuth 2.0 API server metadata). */
export const getAuthMetadata: Endpoint = {
  operationId: 'getAuthMetadata',
  method: 'GET',
  path: '/_matrix/client/v1/auth_metadata',
  auth: 'none',
  section: 'oauth_server_metadata',
};
