import { z } from 'zod';
import { isIpRange, isServerName } from '../internal/grammar';
import { emptyMeansDefault, filePath, uniqueItems } from '../internal/schema-helpers';

const BOOLEAN = 'true or false';
const RANGE = 'an IP address or CIDR range such as "10.0.0.0/8"';
const KEY = 'unpadded Base64 of a 32-byte ed25519 public key';

const trustedKeyServerSchema = z
  .object(
    {
      server_name: z
        .string({ message: 'a server name' })
        .refine(isServerName, { message: 'a server name' })
        .describe('The notary.'),
      verify_keys: z
        .record(
          z.string().regex(/^ed25519:[A-Za-z0-9_]+$/, { message: 'a key ID such as "ed25519:auto"' }),
          z.string({ message: KEY }).regex(/^[A-Za-z0-9+/]{43}$/, { message: KEY }),
          { message: 'a mapping of key ID to public key' },
        )
        .describe("The notary's own keys, known in advance."),
    },
    { message: 'a mapping {server_name, verify_keys}' },
  )
  .strict();

export const federationSchema = emptyMeansDefault(
  z
    .object(
      {
        enabled: z
          .boolean({ message: BOOLEAN })
          .default(true)
          .describe('Whether to talk to other homeservers.'),
        verify_certificates: z
          .boolean({ message: BOOLEAN })
          .default(true)
          .describe("Whether to check remote servers' TLS certificates; false only for tests."),
        trusted_ca_files: emptyMeansDefault(
          z
            .array(filePath('PEM CA bundle.'), { message: 'a list of file paths' })
            .superRefine(uniqueItems('a file'))
            .default([]),
        ).describe('Extra PEM CA bundles to trust for federation, besides the system ones.'),
        ip_range_allowlist: emptyMeansDefault(
          z
            .array(z.string({ message: RANGE }).refine(isIpRange, { message: RANGE }), {
              message: 'a list of IP ranges',
            })
            .default([]),
        ).describe('Private IP ranges federation may still reach (all private ranges are blocked).'),
        trusted_key_servers: emptyMeansDefault(
          z.array(trustedKeyServerSchema, { message: 'a list of {server_name, verify_keys}' }).default([]),
        ).describe("Notaries asked for a server's keys when that server does not answer itself."),
      },
      {
        message:
          'a mapping {enabled, verify_certificates, trusted_ca_files, ip_range_allowlist, trusted_key_servers}',
      },
    )
    .strict()
    .default({}),
).describe('Server-server API.');

export type FederationConfig = z.output<typeof federationSchema>;
