import { z } from 'zod';

// Each issue's `message` is the "expected" half of a problem line, as in libs/config's sections.

const LOCALPART = /^[a-z0-9._=\-/+]+$/;
const localpart = (what: string) =>
  z
    .string({ message: `${what}: a localpart of a-z 0-9 . _ = - / +` })
    .regex(LOCALPART, { message: `${what}: a localpart of a-z 0-9 . _ = - / +` });

export const PERMISSION_LEVELS = ['relay', 'user', 'admin'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

const bridgeSection = z
  .object(
    {
      bot_localpart: localpart('the bot')
        .optional()
        .describe('The bridge bot; default per bridge (discordbot).'),
      bot_displayname: z.string({ message: 'a string' }).optional(),
      ghost_localpart_template: z
        .string({ message: 'a template containing {id}' })
        .refine((t) => t.includes('{id}') && LOCALPART.test(t.replace('{id}', 'x')), {
          message: 'a localpart template containing {id}, e.g. discord_{id}',
        })
        .optional()
        .describe("Localpart of each remote user's ghost; default per bridge (discord_{id})."),
      ghost_displayname_template: z
        .string({ message: 'a template containing {name}' })
        .refine((t) => t.includes('{name}'), { message: 'a template containing {name}' })
        .default('{name}')
        .describe('Display name of ghosts, e.g. "{name} (Discord)".'),
      permissions: z
        .record(z.enum(PERMISSION_LEVELS, { message: 'one of "relay", "user", "admin"' }), {
          message: 'a mapping of "*", a server name or a user ID to "relay", "user" or "admin"',
        })
        .default({})
        .describe(
          'Who may do what: relay = their messages are relayed; user = and may use commands for their own links; admin = and may bridge, unbridge and link others. Keys: "*", a server name, or a user ID (the most specific wins).',
        ),
      relay: z
        .object(
          { enabled: z.boolean({ message: 'true or false' }).default(true) },
          { message: 'a mapping {enabled}' },
        )
        .strict()
        .default({})
        .describe(
          'Send messages of Matrix users without a linked remote account as the bridge, with their name and avatar.',
        ),
      double_puppet: z
        .object(
          {
            enabled: z.boolean({ message: 'true or false' }).default(false),
            links: z
              .record(z.string({ message: 'a remote user ID' }), {
                message: 'a mapping of Matrix user ID to remote user ID',
              })
              .default({}),
          },
          { message: 'a mapping {enabled, links}' },
        )
        .strict()
        .default({})
        .describe(
          'A local user who linked their remote account speaks as themselves: the bridge gets a non-exclusive namespace over local users. links: static links; the `link` command adds more.',
        ),
      queue: z
        .object(
          {
            max_attempts: z.number({ message: 'an integer from 1 to 100' }).int().min(1).max(100).default(10),
          },
          { message: 'a mapping {max_attempts}' },
        )
        .strict()
        .default({}),
    },
    { message: 'a mapping' },
  )
  .strict()
  .default({});

const appserviceSection = z
  .object(
    {
      listen_host: z.string({ message: 'a host name or IP address' }).default('127.0.0.1'),
      listen_port: z
        .number({ message: 'an integer from 0 to 65535' })
        .int()
        .min(0)
        .max(65535)
        .default(0)
        .describe('Where the bridge receives transactions; 0 = any free port (in-process only).'),
      url: z
        .string({ message: 'an http:// or https:// URL' })
        .url({ message: 'an http:// or https:// URL' })
        .nullable()
        .default(null)
        .describe('How the homeserver reaches the bridge; default http://listen_host:listen_port.'),
      homeserver_url: z
        .string({ message: 'an http:// or https:// URL' })
        .url({ message: 'an http:// or https:// URL' })
        .nullable()
        .default(null)
        .describe(
          "Standalone only: the homeserver's client-server API. In-process bridges use the homeserver's own listener.",
        ),
      server_name: z
        .string({ message: 'a server name' })
        .nullable()
        .default(null)
        .describe("Standalone only: the homeserver's server name."),
      database_url: z
        .string({ message: 'a postgres:// URL' })
        .nullable()
        .default(null)
        .describe("Standalone only: the bridge's database; null = embedded PGlite in data_dir."),
      data_dir: z.string({ message: 'a directory path' }).nullable().default(null),
    },
    { message: 'a mapping' },
  )
  .strict()
  .default({});

/** config/bridges/<id>.yaml around the connector's `network:` section. */
export function bridgeConfigSchema<N extends z.ZodTypeAny>(network: N) {
  return z
    .object(
      {
        enabled: z.boolean({ message: 'true or false' }).default(true),
        bridge: bridgeSection,
        appservice: appserviceSection,
        network,
      },
      { message: 'a mapping {enabled, bridge, appservice, network}' },
    )
    .strict();
}

export type BridgeSection = z.output<typeof bridgeSection>;
export type AppserviceSection = z.output<typeof appserviceSection>;
export interface BridgeConfig<N> {
  enabled: boolean;
  bridge: BridgeSection;
  appservice: AppserviceSection;
  network: N;
}
