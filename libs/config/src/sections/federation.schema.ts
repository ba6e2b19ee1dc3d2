import { z } from 'zod';
import { isIpRange } from '../internal/grammar';
import { emptyMeansDefault, filePath, uniqueItems } from '../internal/schema-helpers';

const BOOLEAN = 'true or false';
const RANGE = 'an IP address or CIDR range such as "10.0.0.0/8"';

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
      },
      { message: 'a mapping {enabled, verify_certificates, trusted_ca_files, ip_range_allowlist}' },
    )
    .strict()
    .default({}),
).describe('Server-server API.');

export type FederationConfig = z.output<typeof federationSchema>;
