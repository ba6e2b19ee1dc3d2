import { Endpoint } from '../endpoint.types';

/** server-server-api "Content Repository": `GET /_matrix/federation/v1/media/download/{mediaId}`. */
export const federationGetContent: Endpoint = {
  operationId: 'getContent',
  method: 'GET',
  path: '/_matrix/federation/v1/media/download/{mediaId}',
  auth: 'x_matrix',
  section: 'content_repository',
};

/** server-server-api "Content Repository": `GET /_matrix/federation/v1/media/thumbnail/{mediaId}`. */
export const federationGetContentThumbnail: Endpoint = {
  operationId: 'getContentThumbnail',
  method: 'GET',
  path: '/_matrix/federation/v1/media/thumbnail/{mediaId}',
  auth: 'x_matrix',
  section: 'content_repository',
};
