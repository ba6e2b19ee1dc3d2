import { jsonObject, stringField } from '../accounts/request-body';

/** The optional `reason` of a membership request; the body itself may be left out. */
export function reasonOf(body: unknown): string | undefined {
  return stringField(jsonObject(body, { orEmpty: true }), 'reason');
}

/** `{user_id, reason?}` of invite, kick, ban and unban; user_id is required. */
export function targetOf(body: unknown): { userId: string; reason: string | undefined } {
  const request = jsonObject(body);
  return {
    userId: stringField(request, 'user_id', { required: true }),
    reason: stringField(request, 'reason'),
  };
}
