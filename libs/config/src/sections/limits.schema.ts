import { z } from 'zod';
import { emptyMeansDefault } from '../internal/schema-helpers';

/** The spec caps a PDU at 65,536 bytes; a server that cannot take one cannot federate. */
const MAX_PDU_BYTES = 65536;
const MIB = 1024 * 1024;

const BODY = `an integer of at least ${MAX_PDU_BYTES} (bytes)`;
const UPLOAD = 'a positive integer (bytes)';

export const limitsSchema = emptyMeansDefault(
  z
    .object(
      {
        // A full federation transaction is up to 50 PDUs and 100 EDUs; Synapse bounds it at 200 PDUs.
        max_request_body_bytes: z
          .number({ message: BODY })
          .int({ message: BODY })
          .min(MAX_PDU_BYTES, { message: BODY })
          .default(200 * MAX_PDU_BYTES)
          .describe('Largest request body outside media uploads; larger ones get 413 M_TOO_LARGE.'),
        max_upload_bytes: z
          .number({ message: UPLOAD })
          .int({ message: UPLOAD })
          .positive({ message: UPLOAD })
          .default(50 * MIB)
          .describe('Largest media upload; larger ones get 413 M_TOO_LARGE.'),
      },
      { message: 'a mapping {max_request_body_bytes, max_upload_bytes}' },
    )
    .strict()
    .default({}),
).describe('Request size limits.');

export type LimitsConfig = z.output<typeof limitsSchema>;
