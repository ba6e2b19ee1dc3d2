import { z } from 'zod';
import { emptyMeansDefault } from '../internal/schema-helpers';

const BOOLEAN = 'true or false';
const TURN_URI = 'a turn: or turns: URI';
const SECRET = 'null or a non-empty string';
const LIFETIME = 'a positive integer (milliseconds)';

/** client-server-api "TURN Server": what GET /voip/turnServer hands out. */
export const turnSchema = emptyMeansDefault(
  z
    .object(
      {
        uris: z
          .array(z.string({ message: TURN_URI }).regex(/^turns?:/, { message: TURN_URI }), {
            message: 'a list of turn: or turns: URIs',
          })
          .default([])
          .describe('TURN server URIs; empty = no TURN server (GET /voip/turnServer answers {}).'),
        shared_secret: z
          .string({ message: SECRET })
          .min(1, { message: SECRET })
          .nullable()
          .default(null)
          .describe("The TURN server's REST API shared secret (use-auth-secret): credentials per user."),
        username: z
          .string({ message: SECRET })
          .min(1, { message: SECRET })
          .nullable()
          .default(null)
          .describe('A fixed TURN username, when there is no shared_secret.'),
        password: z
          .string({ message: SECRET })
          .min(1, { message: SECRET })
          .nullable()
          .default(null)
          .describe('The password of the fixed username.'),
        user_lifetime_ms: z
          .number({ message: LIFETIME })
          .int({ message: LIFETIME })
          .positive({ message: LIFETIME })
          .default(24 * 60 * 60 * 1000)
          .describe('How long the credentials of shared_secret stay valid.'),
        allow_guests: z
          .boolean({ message: BOOLEAN })
          .default(true)
          .describe('Whether guests get TURN credentials.'),
      },
      { message: 'a mapping {uris, shared_secret, username, password, user_lifetime_ms, allow_guests}' },
    )
    .strict()
    .default({}),
).describe('TURN server for VoIP calls.');

export type TurnConfig = z.output<typeof turnSchema>;
