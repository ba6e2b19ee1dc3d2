import { z } from 'zod';
import { isUrlWithScheme } from '../internal/grammar';
import { emptyMeansDefault } from '../internal/schema-helpers';

const URL = 'null or a redis:// or rediss:// URL';

export const redisSchema = emptyMeansDefault(
  z
    .object(
      {
        url: z
          .string({ message: URL })
          .refine((v) => isUrlWithScheme(v, ['redis:', 'rediss:']), { message: URL })
          .nullable()
          .default(null)
          .describe('null = in-process queues and notifier; else redis://... (env REDIS_URL overrides).'),
      },
      { message: 'a mapping {url}' },
    )
    .strict()
    .default({}),
).describe('Redis, for queues and notifications shared by several processes.');

export type RedisConfig = z.output<typeof redisSchema>;
