import { z } from 'zod';
import { emptyMeansDefault } from '../internal/schema-helpers';

const BOOLEAN = 'true or false';
const TIMEOUT = 'a positive integer (milliseconds)';

/** client-server-api POST /login/get_token: "Optional endpoint"; a server that offers it gates it. */
export const loginViaExistingSessionSchema = emptyMeansDefault(
  z
    .object(
      {
        enabled: z
          .boolean({ message: BOOLEAN })
          .default(false)
          .describe(
            'Whether a logged-in device may get an m.login.token for another (POST /login/get_token).',
          ),
        require_ui_auth: z
          .boolean({ message: BOOLEAN })
          .default(true)
          .describe('Whether getting the token needs user-interactive authentication (the password).'),
        token_timeout_ms: z
          .number({ message: TIMEOUT })
          .int({ message: TIMEOUT })
          .positive({ message: TIMEOUT })
          .default(5 * 60 * 1000)
          .describe('How long the token may be used at /login.'),
      },
      { message: 'a mapping {enabled, require_ui_auth, token_timeout_ms}' },
    )
    .strict()
    .default({}),
).describe('Signing in a new device from an existing session (MSC3882).');

export type LoginViaExistingSessionConfig = z.output<typeof loginViaExistingSessionSchema>;
