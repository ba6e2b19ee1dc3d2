import { z } from 'zod';

const SNOWFLAKE = /^\d{15,22}$/;
const snowflake = (what: string) =>
  z.string({ message: `${what}: a Discord ID (digits, as a quoted string)` }).regex(SNOWFLAKE, {
    message: `${what}: a Discord ID (digits, as a quoted string)`,
  });

const guildSchema = z
  .object(
    {
      id: snowflake('the guild'),
      channels: z
        .union([z.literal('all'), z.array(snowflake('a channel'))], {
          message: '"all" or a list of channel IDs',
        })
        .default('all')
        .describe('Which text channels of the guild get portal rooms without a command.'),
    },
    { message: 'a mapping {id, channels}' },
  )
  .strict();

const channelSchema = z
  .object(
    {
      id: snowflake('the channel'),
      room: z
        .string({ message: 'a room ID (!...) or alias (#...)' })
        .regex(/^[!#][^:]+:.+$/, { message: 'a room ID (!...) or alias (#...)' })
        .optional()
        .describe('An existing Matrix room to bridge the channel to; default: a new portal room.'),
    },
    { message: 'a mapping {id, room?}' },
  )
  .strict();

/** The `network:` section of config/bridges/discord.yaml. */
export const discordNetworkSchema = z
  .object(
    {
      token: z.string({ message: 'the bot token' }).min(1, { message: 'the bot token' }).optional(),
      token_file: z.string({ message: 'a file path' }).min(1, { message: 'a file path' }).optional(),
      token_env: z
        .string({ message: 'an environment variable name' })
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'an environment variable name' })
        .optional(),
      api_base_url: z
        .string({ message: 'an http:// or https:// URL' })
        .url({ message: 'an http:// or https:// URL' })
        .default('https://discord.com/api'),
      cdn_url: z
        .string({ message: 'an http:// or https:// URL' })
        .url({ message: 'an http:// or https:// URL' })
        .default('https://cdn.discordapp.com'),
      guilds: z.array(guildSchema, { message: 'a list of {id, channels}' }).default([]),
      channels: z.array(channelSchema, { message: 'a list of {id, room?}' }).default([]),
      dm_invite: z
        .array(
          z.string({ message: 'a Matrix user ID' }).regex(/^@[^:]+:.+$/, { message: 'a Matrix user ID' }),
          {
            message: 'a list of Matrix user IDs',
          },
        )
        .default([])
        .describe('Matrix users invited to the portal of each DM sent to the bot.'),
      webhook_name: z
        .string({ message: 'a webhook name (1-80 characters)' })
        .min(1, { message: 'a webhook name (1-80 characters)' })
        .max(80, { message: 'a webhook name (1-80 characters)' })
        .default('Switchboard'),
    },
    { message: 'a mapping' },
  )
  .strict()
  .superRefine((cfg, ctx) => {
    const given = [cfg.token, cfg.token_file, cfg.token_env].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `exactly one of token, token_file, token_env (found ${given})`,
      });
    }
  });

export type DiscordNetworkConfig = z.output<typeof discordNetworkSchema>;
