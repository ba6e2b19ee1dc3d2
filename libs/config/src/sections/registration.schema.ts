import { z } from 'zod';
import { emptyMeansDefault } from '../internal/schema-helpers';

const BOOLEAN = 'true or false';

export const registrationSchema = emptyMeansDefault(
  z
    .object(
      {
        enabled: z.boolean({ message: BOOLEAN }).default(true).describe('Whether new users may register.'),
        require_token: z
          .boolean({ message: BOOLEAN })
          .default(false)
          .describe('Whether registering needs a registration token (m.login.registration_token).'),
        allow_guest_access: z
          .boolean({ message: BOOLEAN })
          .default(false)
          .describe('Whether guests may register (POST /register?kind=guest).'),
        shared_secret: z
          .string({ message: 'null or a non-empty string' })
          .min(1, { message: 'null or a non-empty string' })
          .nullable()
          .default(null)
          .describe('Secret for the admin registration API (/_synapse/admin/v1/register); null = off.'),
      },
      { message: 'a mapping {enabled, require_token, allow_guest_access, shared_secret}' },
    )
    .strict()
    .default({}),
).describe('Account registration.');

export type RegistrationConfig = z.output<typeof registrationSchema>;
