import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v1/register/m.login.registration_token/validity". */
export const registrationTokenValidity: Endpoint = {
  operationId: 'registrationTokenValidity',
  method: 'GET',
  path: '/_matrix/client/v1/register/m.login.registration_token/validity',
  auth: 'none',
  section: 'registration_tokens',
  rateLimited: true,
};

export interface RegistrationTokenValidityResponse {
  valid: boolean;
}
