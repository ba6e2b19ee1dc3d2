import { Endpoint } from '../endpoint.types';

/** client-server-api "GET /_matrix/client/v3/pushers". */
export const getPushers: Endpoint = {
  operationId: 'getPushers',
  method: 'GET',
  path: '/_matrix/client/v3/pushers',
  auth: 'access_token',
  section: 'pusher',
};

/** client-server-api "POST /_matrix/client/v3/pushers/set". */
export const postPusher: Endpoint = {
  operationId: 'postPusher',
  method: 'POST',
  path: '/_matrix/client/v3/pushers/set',
  auth: 'access_token',
  section: 'pusher',
  rateLimited: true,
};

/** One entry of GET /pushers. */
export interface Pusher {
  pushkey: string;
  kind: string;
  app_id: string;
  app_display_name: string;
  device_display_name: string;
  profile_tag?: string;
  lang: string;
  data: Record<string, unknown>;
}

export interface PushersResponse {
  pushers: Pusher[];
}
