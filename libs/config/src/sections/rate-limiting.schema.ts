import { z } from 'zod';
import { emptyMeansDefault } from '../internal/schema-helpers';

export const rateLimitingSchema = emptyMeansDefault(
  z
    .object(
      {
        enabled: z
          .boolean({ message: 'true or false' })
          .default(true)
          .describe('Whether sending events is rate-limited per user (429 M_LIMIT_EXCEEDED).'),
        per_second: z
          .number({ message: 'a positive number' })
          .positive({ message: 'a positive number' })
          .finite({ message: 'a positive number' })
          .default(0.2)
          .describe('Events per second a user may send, sustained (a token bucket refilled at this rate).'),
        burst_count: z
          .number({ message: 'a positive integer' })
          .int({ message: 'a positive integer' })
          .positive({ message: 'a positive integer' })
          .default(10)
          .describe('Events a user may send in a burst before the sustained rate applies.'),
      },
      { message: 'a mapping {enabled, per_second, burst_count}' },
    )
    .strict()
    .default({}),
).describe("Rate limits on sending events (Synapse's rc_message and its defaults).");

export type RateLimitingConfig = z.output<typeof rateLimitingSchema>;
