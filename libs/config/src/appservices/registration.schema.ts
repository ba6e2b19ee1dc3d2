import { z } from 'zod';

const namespaceRule = z
  .object({
    regex: z.string({ message: 'a regular expression' }).min(1, 'a non-empty regular expression'),
    exclusive: z.boolean({ message: 'true or false' }),
  })
  .passthrough()
  .superRefine((rule, ctx) => {
    try {
      new RegExp(rule.regex);
    } catch (err) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['regex'],
        message: `a valid regular expression (${(err as Error).message})`,
      });
    }
  });

const namespaceList = z.array(namespaceRule, { message: 'a list of {exclusive, regex}' }).nullish();

const token = (what: string) => z.string({ message: `the ${what}, a string` }).min(1, `a non-empty ${what}`);

/**
 * application-service-api "Registration". Bridges add keys of their own (and unstable ones this
 * server may not know yet), so unknown keys are kept, not refused.
 */
export const registrationSchema = z
  .object({
    id: z.string({ message: 'a unique ID, a string' }).min(1, 'a non-empty ID'),
    url: z
      .string({ message: 'the URL of the application service, or null' })
      .url('an http(s) URL, or null')
      .nullable(),
    as_token: token('as_token'),
    hs_token: token('hs_token'),
    sender_localpart: z.string({ message: 'a user localpart, a string' }).regex(/^[a-z0-9._=\-/+]+$/, {
      message: 'a localpart of lowercase letters, digits and ._=-/+',
    }),
    namespaces: z
      .object({ users: namespaceList, aliases: namespaceList, rooms: namespaceList })
      .passthrough()
      .nullish(),
    rate_limited: z.boolean({ message: 'true or false' }).nullish(),
    protocols: z.array(z.string(), { message: 'a list of protocol names' }).nullish(),
    receive_ephemeral: z.boolean({ message: 'true or false' }).nullish(),
    push_ephemeral: z.boolean({ message: 'true or false' }).nullish(),
    'de.sorunome.msc2409.push_ephemeral': z.boolean({ message: 'true or false' }).nullish(),
    'org.matrix.msc3202': z.boolean({ message: 'true or false' }).nullish(),
    'io.element.msc4190': z.boolean({ message: 'true or false' }).nullish(),
  })
  .passthrough();

export type RegistrationFile = z.infer<typeof registrationSchema>;
