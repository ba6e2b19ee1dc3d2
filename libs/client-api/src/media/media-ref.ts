import { MatrixError, MEDIA_ID, parseServerName } from '@switchboard/protocol';
import { MediaKey } from './media-store.port';

/**
 * client-server-api "Security considerations": "homeservers MUST sanitise mxc:// URIs by
 * restricting the server-name segment to valid server names [and] allowing only alphanumeric
 * (A-Za-z0-9), _ and - characters in the media-id segment". A bad server name is 400
 * M_INVALID_PARAM; a bad media ID cannot name any media: 404 M_NOT_FOUND.
 */
export function mediaRef(serverName: string, mediaId: string): MediaKey {
  parseServerName(serverName);
  if (!MEDIA_ID.test(mediaId)) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown media');
  return { origin: serverName, mediaId };
}
