import { z } from 'zod';
import { emptyMeansDefault } from '../internal/schema-helpers';

// appendices "User Identifiers": a localpart is made of a-z, 0-9, "._=-/+".
const LOCALPART = 'null or a user ID localpart (a-z, 0-9 and ._=-/+)';
const NAME = 'null or a non-empty string';
const ROOM_NAME = 'a non-empty string';

/**
 * client-server-api "Server Notices": the user the server sends notices as, and how its room
 * looks ("left as an implementation detail"). Off while system_mxid_localpart is null.
 */
export const serverNoticesSchema = emptyMeansDefault(
  z
    .object(
      {
        system_mxid_localpart: z
          .string({ message: LOCALPART })
          .regex(/^[a-z0-9._=\-/+]+$/, { message: LOCALPART })
          .nullable()
          .default(null)
          .describe(
            'Localpart of the user that sends server notices, created on first use; null = no server notices.',
          ),
        system_mxid_display_name: z
          .string({ message: NAME })
          .min(1, { message: NAME })
          .nullable()
          .default(null)
          .describe("The notices user's display name in its rooms; null = its profile's."),
        room_name: z
          .string({ message: ROOM_NAME })
          .min(1, { message: ROOM_NAME })
          .default('Server Notices')
          .describe("The name of each user's server notices room."),
      },
      { message: 'a mapping {system_mxid_localpart, system_mxid_display_name, room_name}' },
    )
    .strict()
    .default({}),
).describe('Server notices: official messages to a user in a room of its own.');

export type ServerNoticesConfig = z.output<typeof serverNoticesSchema>;
