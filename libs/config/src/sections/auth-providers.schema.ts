import { z } from 'zod';
import { emptyMeansDefault } from '../internal/schema-helpers';

const BOOLEAN = 'true or false';
const URL_TEXT = 'an http(s) URL';
const PORT = 'an integer from 1 to 65535';

const httpUrl = z
  .string({ message: URL_TEXT })
  .refine((s) => /^https?:\/\/[^/]/.test(s), { message: URL_TEXT });

const optionalString = (doc: string) =>
  z
    .string({ message: 'null or a non-empty string' })
    .min(1, { message: 'null or a non-empty string' })
    .nullable()
    .default(null)
    .describe(doc);

export const recaptchaSchema = emptyMeansDefault(
  z
    .object(
      {
        public_key: optionalString('The site key given to clients in the m.login.recaptcha stage params.'),
        private_key: optionalString('The secret sent to siteverify_api; null = no m.login.recaptcha stage.'),
        siteverify_api: httpUrl
          .default('https://www.recaptcha.net/recaptcha/api/siteverify')
          .describe('Where a captcha response is verified.'),
        required_for_registration: z
          .boolean({ message: BOOLEAN })
          .default(false)
          .describe('Whether every registration flow starts with m.login.recaptcha.'),
      },
      { message: 'a mapping {public_key, private_key, siteverify_api, required_for_registration}' },
    )
    .strict()
    .default({}),
).describe('Google reCAPTCHA for registration (m.login.recaptcha).');

export const emailSchema = emptyMeansDefault(
  z
    .object(
      {
        smtp_host: optionalString('The SMTP server that sends validation mail; null = no e-mail.'),
        smtp_port: z
          .number({ message: PORT })
          .int({ message: PORT })
          .min(1, { message: PORT })
          .max(65535, { message: PORT })
          .default(25)
          .describe('Its port (plain SMTP; no authentication).'),
        notif_from: z
          .string({ message: 'an e-mail address' })
          .min(3, { message: 'an e-mail address' })
          .default('switchboard@localhost')
          .describe('The From address of the mail this server sends.'),
      },
      { message: 'a mapping {smtp_host, smtp_port, notif_from}' },
    )
    .strict()
    .default({}),
).describe('E-mail: validating addresses for registration and account contacts (m.login.email.identity).');

export const casSchema = emptyMeansDefault(
  z
    .object(
      {
        server_url: httpUrl
          .nullable()
          .default(null)
          .describe('The CAS server, e.g. https://cas.example.com/cas; null = no CAS single sign-on.'),
      },
      { message: 'a mapping {server_url}' },
    )
    .strict()
    .default({}),
).describe('Single sign-on through a CAS server (m.login.sso).');

export const identityServersSchema = emptyMeansDefault(
  z
    .object(
      {
        verify_certificates: z
          .boolean({ message: BOOLEAN })
          .default(true)
          .describe("Whether to check identity servers' TLS certificates; false only for tests."),
      },
      { message: 'a mapping {verify_certificates}' },
    )
    .strict()
    .default({}),
).describe('Requests to identity servers (third-party invites and lookups).');
