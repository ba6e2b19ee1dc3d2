import { MatrixError } from '@switchboard/protocol';
import { optionalQueryParam } from '../accounts/request-body';
import { Requester } from './requester';

/**
 * application-service-api "Timestamp massaging": an application service's `?ts=` on PUT
 * /send and PUT /state becomes the event's origin_server_ts. "Attempting to set the timestamp to
 * anything other than what is accepted by origin_server_ts should be rejected by the server as a
 * bad request": a non-negative integer JSON can carry. Anyone else's `ts` is ignored.
 */
export function massagedTimestamp(requester: Requester, query: unknown): number | undefined {
  if (requester.appserviceId === undefined) return undefined;
  const ts = optionalQueryParam(query, 'ts');
  if (ts === undefined) return undefined;
  const value = Number(ts);
  if (!/^\d+$/.test(ts) || !Number.isSafeInteger(value)) {
    throw new MatrixError('M_INVALID_PARAM', 400, 'Query parameter ts must be a timestamp in milliseconds.');
  }
  return value;
}
