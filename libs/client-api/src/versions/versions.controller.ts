import { Controller } from '@nestjs/common';
import { getVersions, VersionsResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';

/** The spec versions this server implements; clients pick the newest they share with it. */
export const SUPPORTED_SPEC_VERSIONS = [
  'r0.0.1',
  'r0.1.0',
  'r0.2.0',
  'r0.3.0',
  'r0.4.0',
  'r0.5.0',
  'r0.6.0',
  'r0.6.1',
  'v1.1',
  'v1.2',
  'v1.3',
  'v1.4',
  'v1.5',
  'v1.6',
  'v1.7',
  'v1.8',
  'v1.9',
  'v1.10',
  'v1.11',
  'v1.12',
];

@Controller()
export class VersionsController {
  /**
   * GET /_matrix/client/versions
   * client-server-api "Getting the versions of the specification supported by the server".
   */
  @MatrixRoute(getVersions)
  versions(): VersionsResponse {
    return { versions: SUPPORTED_SPEC_VERSIONS, unstable_features: {} };
  }
}
