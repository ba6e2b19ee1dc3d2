import { z } from 'zod';

export const bridgesDirSchema = z
  .string({ message: 'a directory path or null' })
  .min(1, { message: 'a directory path or null' })
  .nullable()
  .default('./bridges')
  .describe(
    "Directory of bridge configs (discord.yaml, ...), relative to this file's directory; each file with `enabled: true` runs inside the homeserver, registered as an application service without a registration file. A missing directory means no bridges; null turns them off.",
  );
