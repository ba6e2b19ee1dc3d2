import { z } from 'zod';
import { isUrlWithScheme } from '../internal/grammar';
import { emptyMeansDefault } from '../internal/schema-helpers';

const URL = 'null or a postgres:// or postgresql:// URL';

export const databaseSchema = emptyMeansDefault(
  z
    .object(
      {
        url: z
          .string({ message: URL })
          .refine((v) => isUrlWithScheme(v, ['postgres:', 'postgresql:']), { message: URL })
          .nullable()
          .default(null)
          .describe('null = embedded PGlite in data_dir; else postgres://... (env DATABASE_URL overrides).'),
      },
      { message: 'a mapping {url}' },
    )
    .strict()
    .default({}),
).describe('PostgreSQL: embedded, or a server shared by every process when scaling out.');

export type DatabaseConfig = z.output<typeof databaseSchema>;
