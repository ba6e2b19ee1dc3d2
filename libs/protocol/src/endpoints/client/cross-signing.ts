import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/keys/device_signing/upload". */
export const uploadCrossSigningKeys: Endpoint = {
  operationId: 'uploadCrossSigningKeys',
  method: 'POST',
  path: '/_matrix/client/v3/keys/device_signing/upload',
  auth: 'access_token',
  section: 'cross_signing',
};

/** client-server-api "POST /_matrix/client/v3/keys/signatures/upload". */
export const uploadCrossSigningSignatures: Endpoint = {
  operationId: 'uploadCrossSigningSignatures',
  method: 'POST',
  path: '/_matrix/client/v3/keys/signatures/upload',
  auth: 'access_token',
  section: 'cross_signing',
};

/** The three cross-signing keys a user has (client-server-api "Cross-signing"). */
export type CrossSigningKeyType = 'master' | 'self_signing' | 'user_signing';

export interface UploadSignaturesResponse {
  failures: Record<string, Record<string, { errcode: string; error: string }>>;
}
