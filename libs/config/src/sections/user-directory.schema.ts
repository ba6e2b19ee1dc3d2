import { z } from 'zod';
import { emptyMeansDefault } from '../internal/schema-helpers';

const BOOLEAN = 'true or false';

/** client-server-api "User directory": which users POST /user_directory/search looks at. */
export const userDirectorySchema = emptyMeansDefault(
  z
    .object(
      {
        search_all_users: z
          .boolean({ message: BOOLEAN })
          .default(false)
          .describe(
            'Search every user the server knows; false = only users sharing a room with the searcher and users in public rooms (the spec minimum, Synapse default).',
          ),
      },
      { message: 'a mapping {search_all_users}' },
    )
    .strict()
    .default({}),
).describe('The user directory.');

export type UserDirectoryConfig = z.output<typeof userDirectorySchema>;
