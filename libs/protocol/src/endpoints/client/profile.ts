import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/profile/{userId}". */
export const getUserProfile: Endpoint = {
  operationId: 'getUserProfile',
  method: 'GET',
  path: '/_matrix/client/v3/profile/{userId}',
  auth: 'none',
  section: 'profile',
};

/** client-server-api "GET /_matrix/client/v3/profile/{userId}/{keyName}". */
export const getProfileField: Endpoint = {
  operationId: 'getProfileField',
  method: 'GET',
  path: '/_matrix/client/v3/profile/{userId}/{keyName}',
  auth: 'none',
  section: 'profile',
};

/** client-server-api "PUT /_matrix/client/v3/profile/{userId}/{keyName}". */
export const setProfileField: Endpoint = {
  operationId: 'setProfileField',
  method: 'PUT',
  path: '/_matrix/client/v3/profile/{userId}/{keyName}',
  auth: 'access_token',
  section: 'profile',
  rateLimited: true,
};

/** client-server-api "DELETE /_matrix/client/v3/profile/{userId}/{keyName}". */
export const deleteProfileField: Endpoint = {
  operationId: 'deleteProfileField',
  method: 'DELETE',
  path: '/_matrix/client/v3/profile/{userId}/{keyName}',
  auth: 'access_token',
  section: 'profile',
  rateLimited: true,
};

/**
 * The `keyName` grammar of /profile/{userId}/{keyName}: `avatar_url`, `displayname`, `m.tz`, or a
 * custom field in the Common Namespaced Identifier Grammar.
 */
export const PROFILE_KEY_NAME = /^(avatar_url|displayname|m\.tz|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;
/** "The supplied profile key exceeds the maximum allowed key length of 255 bytes." */
export const MAX_PROFILE_KEY_BYTES = 255;
/** "the total profile MUST be under 64 KiB". */
export const MAX_PROFILE_BYTES = 64 * 1024;

/** GET /profile/{userId}: displayname, avatar_url, m.tz and custom fields. */
export type UserProfile = Record<string, unknown> & { displayname?: string; avatar_url?: string };
