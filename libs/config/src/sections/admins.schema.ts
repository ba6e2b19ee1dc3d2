import { z } from 'zod';
import { userIdServerName } from '../internal/grammar';
import { emptyMeansDefault, uniqueItems } from '../internal/schema-helpers';

const USER_ID = 'a user ID "@localpart:server_name"';

export const adminsSchema = emptyMeansDefault(
  z
    .array(
      z.string({ message: USER_ID }).refine((v) => userIdServerName(v) !== null, { message: USER_ID }),
      { message: 'a list of user IDs' },
    )
    .superRefine(uniqueItems('a user ID'))
    .default([]),
).describe('Local user IDs with admin rights.');

/** Admin rights are for this server's users; checked once server_name is known to be valid. */
export function adminsAreLocal(
  config: { server_name: string; admins: string[] },
  ctx: z.RefinementCtx,
): void {
  config.admins.forEach((userId, i) => {
    if (userIdServerName(userId) !== config.server_name) {
      ctx.addIssue({
        code: 'custom',
        path: ['admins', i],
        message: `a local user ID "@localpart:${config.server_name}"`,
      });
    }
  });
}
