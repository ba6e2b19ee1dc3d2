import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/pushrules/". */
export const getPushRules: Endpoint = {
  operationId: 'getPushRules',
  method: 'GET',
  path: '/_matrix/client/v3/pushrules/',
  auth: 'access_token',
  section: 'pushrules',
};

/** client-server-api "GET /_matrix/client/v3/pushrules/global/". */
export const getPushRulesGlobal: Endpoint = {
  operationId: 'getPushRulesGlobal',
  method: 'GET',
  path: '/_matrix/client/v3/pushrules/global/',
  auth: 'access_token',
  section: 'pushrules',
};

/** client-server-api "GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}". */
export const getPushRule: Endpoint = {
  operationId: 'getPushRule',
  method: 'GET',
  path: '/_matrix/client/v3/pushrules/global/{kind}/{ruleId}',
  auth: 'access_token',
  section: 'pushrules',
  // Synapse answers /global/{kind}/ too, and SyTest expects 400, not 404, for an empty or missing ruleId.
  optionalLastParam: true,
};

/** client-server-api "PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}". */
export const setPushRule: Endpoint = {
  operationId: 'setPushRule',
  method: 'PUT',
  path: '/_matrix/client/v3/pushrules/global/{kind}/{ruleId}',
  auth: 'access_token',
  section: 'pushrules',
  // Synapse answers /global/{kind}/ too, and SyTest expects 400, not 404, for an empty or missing ruleId.
  optionalLastParam: true,
  rateLimited: true,
};

/** client-server-api "DELETE /_matrix/client/v3/pushrules/global/{kind}/{ruleId}". */
export const deletePushRule: Endpoint = {
  operationId: 'deletePushRule',
  method: 'DELETE',
  path: '/_matrix/client/v3/pushrules/global/{kind}/{ruleId}',
  auth: 'access_token',
  section: 'pushrules',
  // Synapse answers /global/{kind}/ too, and SyTest expects 400, not 404, for an empty or missing ruleId.
  optionalLastParam: true,
};

/** client-server-api "GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled". */
export const isPushRuleEnabled: Endpoint = {
  operationId: 'isPushRuleEnabled',
  method: 'GET',
  path: '/_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled',
  auth: 'access_token',
  section: 'pushrules',
};

/** client-server-api "PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled". */
export const setPushRuleEnabled: Endpoint = {
  operationId: 'setPushRuleEnabled',
  method: 'PUT',
  path: '/_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled',
  auth: 'access_token',
  section: 'pushrules',
};

/** client-server-api "GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions". */
export const getPushRuleActions: Endpoint = {
  operationId: 'getPushRuleActions',
  method: 'GET',
  path: '/_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions',
  auth: 'access_token',
  section: 'pushrules',
};

/** client-server-api "PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions". */
export const setPushRuleActions: Endpoint = {
  operationId: 'setPushRuleActions',
  method: 'PUT',
  path: '/_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions',
  auth: 'access_token',
  section: 'pushrules',
};

/**
 * Not spec operations: every other path under /pushrules/ (no scope, an unknown scope or kind, a
 * missing rule_id, an attribute other than `enabled` and `actions`). Synapse answers them 400
 * M_UNRECOGNIZED, not 404 or 405, and SyTest checks it.
 */
export const otherPushRulesPaths: readonly Endpoint[] = [
  ['GET', '/_matrix/client/v3/pushrules/*'],
  ['PUT', '/_matrix/client/v3/pushrules/*'],
  ['DELETE', '/_matrix/client/v3/pushrules/*'],
  ['PUT', '/_matrix/client/v3/pushrules/'],
  ['DELETE', '/_matrix/client/v3/pushrules/'],
].map(([method, path]) => ({
  operationId: 'unrecognizedPushRulesPath',
  method: method as Endpoint['method'],
  path,
  auth: 'access_token',
  section: 'pushrules',
}));
