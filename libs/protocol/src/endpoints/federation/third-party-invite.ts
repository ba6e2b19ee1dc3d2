import { Endpoint } from '../endpoint.types';

/** server-server-api "Third-party invites": `PUT /_matrix/federation/v1/3pid/onbind`, called by identity servers. */
export const onBindThirdPartyIdentifier: Endpoint = {
  operationId: 'onBindThirdPartyIdentifier',
  method: 'PUT',
  path: '/_matrix/federation/v1/3pid/onbind',
  auth: 'none',
  section: 'third_party_invite',
};

/** The same callback as identity servers (Sydent, SyTest's) send it: with POST, which Synapse serves. */
export const onBindThirdPartyIdentifierPost: Endpoint = {
  ...onBindThirdPartyIdentifier,
  operationId: 'onBindThirdPartyIdentifierPost',
  method: 'POST',
};

/** server-server-api "Third-party invites": `PUT /_matrix/federation/v1/exchange_third_party_invite/{roomId}`. */
export const exchangeThirdPartyInvite: Endpoint = {
  operationId: 'exchangeThirdPartyInvite',
  method: 'PUT',
  path: '/_matrix/federation/v1/exchange_third_party_invite/{roomId}',
  auth: 'x_matrix',
  section: 'third_party_invite',
};
