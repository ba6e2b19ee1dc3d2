import { MatrixError } from '@switchboard/protocol';

/**
 * The fields a client searches a protocol's locations or users by: every query parameter but the
 * access token ("One or more custom fields that are passed to the AS to help identify the user"),
 * each given once.
 */
export function searchFields(query: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof query !== 'object' || query === null) return fields;
  for (const [key, value] of Object.entries(query)) {
    if (key === 'access_token') continue;
    if (typeof value !== 'string') {
      throw new MatrixError('M_INVALID_PARAM', 400, `Query parameter ${key} must be given once`);
    }
    fields[key] = value;
  }
  return fields;
}
