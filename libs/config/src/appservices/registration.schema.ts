import { z } from 'zod';

const namespaceRule = z
  .object({
    regex: z.string({ message: 'a regular expression' }).min(1, 'a non-empty regular expression'),
    exclusive: z.boolean({ message: 'true or false' }),
  })
  // matrix-appservice-bridge still writes `group_id` (the removed communities) next to the regex.
  .passthrough()
  .superRefine((rule, ctx) => {
    try {
      new RegExp(rule.regex);
    } catch (err) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['regex'],
        message: `a regular expression JavaScript can compile (${(err as Error).message})`,
      });
    }
  });

const namespaceList = z.array(namespaceRule, { message: 'a list of {exclusive, regex}' }).nullish();

const token = (what: string) => z.string({ message: `the ${what}, a string` }).min(1, `a non-empty ${what}`);

const flag = z.boolean({ message: 'true or false' }).nullish();

/**
 * application-service-api "Registration", read as Synapse reads it, which is what bridges are
 * written against. Bridges add keys of their own (heisenbridge's `heisenbridge`, unstable MSC
 * flags this server may not know yet), so unknown keys are kept, not refused.
 */
export const registrationSchema = z
  .object({
    id: z.string({ message: 'a unique ID, a string' }).min(1, 'a non-empty ID'),
    // Required but nullable, as Synapse has it: a forgotten `url` must not silently mean "push
    // nothing". mautrix-go writes "" for a bridge with no address (websocket mode): also nothing.
    url: z
      .string({ message: 'the http(s) URL of the application service, or null to send it nothing' })
      .refine((url) => url === '' || (/^https?:\/\/[^/?#\s]+/i.test(url) && URL.canParse(url)), {
        message: 'an http(s) URL, or null to send it nothing',
      })
      .nullable(),
    as_token: token('as_token'),
    hs_token: token('hs_token'),
    // mautrix-go bridges make it 32 random letters of both cases, which only the historical user
    // ID grammar allows (client-server-api "Historical User IDs"); Synapse takes them too.
    sender_localpart: z
      .string({ message: 'the localpart of its sender user, a string' })
      .regex(/^[A-Za-z0-9._=\-/+~]+$/, {
        message: 'a user localpart: letters, digits and ._=-/+~',
      }),
    namespaces: z
      .object(
        { users: namespaceList, aliases: namespaceList, rooms: namespaceList },
        { message: 'a mapping of namespace lists (users, aliases, rooms)' },
      )
      .passthrough()
      // The spec requires it, but matrix-appservice writes none when no regex was added (a bot
      // that only acts as its sender): such a registration claims nothing.
      .nullish(),
    rate_limited: flag,
    protocols: z
      .array(z.string({ message: 'a protocol name' }), { message: 'a list of protocol names' })
      .nullish(),
    receive_ephemeral: flag,
    push_ephemeral: flag,
    'de.sorunome.msc2409.push_ephemeral': flag,
    'org.matrix.msc3202': flag,
    'io.element.msc4190': flag,
  })
  .passthrough();

export type RegistrationFile = z.infer<typeof registrationSchema>;
