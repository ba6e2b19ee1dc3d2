import { Controller, Param, Query } from '@nestjs/common';
import { ProtocolMetadata, ThirdPartyLookups, ThirdPartyResult } from '@switchboard/appservice';
import {
  getProtocolMetadata,
  getProtocols,
  MatrixError,
  queryLocationByAlias,
  queryLocationByProtocol,
  queryUserByID,
  queryUserByProtocol,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { queryParam } from '../accounts/request-body';
import { searchFields } from './search-fields';

/**
 * client-server-api "Third-party Networks": the protocols application services declare in their
 * registrations, and lookups they answer (application-service-api "Third-party networks").
 */
@Controller()
export class ThirdPartyLookupController {
  constructor(private readonly lookups: ThirdPartyLookups) {}

  /** GET /_matrix/client/v3/thirdparty/protocols. */
  @MatrixRoute(getProtocols)
  getProtocols(): Promise<Record<string, ProtocolMetadata>> {
    return this.lookups.protocols();
  }

  /** GET /_matrix/client/v3/thirdparty/protocol/{protocol}: 404 "The protocol is unknown." */
  @MatrixRoute(getProtocolMetadata)
  async getProtocolMetadata(@Param('protocol') protocol: string): Promise<ProtocolMetadata> {
    const metadata = await this.lookups.protocol(protocol);
    if (!metadata) throw unknownProtocol(protocol);
    return metadata;
  }

  /** GET /_matrix/client/v3/thirdparty/location/{protocol}: 404 "No portal rooms were found." */
  @MatrixRoute(queryLocationByProtocol)
  queryLocationByProtocol(
    @Param('protocol') protocol: string,
    @Query() query: unknown,
  ): Promise<ThirdPartyResult[]> {
    return this.lookupByProtocol('location', protocol, query);
  }

  /** GET /_matrix/client/v3/thirdparty/user/{protocol}: 404 "The Matrix User ID was not found." */
  @MatrixRoute(queryUserByProtocol)
  queryUserByProtocol(
    @Param('protocol') protocol: string,
    @Query() query: unknown,
  ): Promise<ThirdPartyResult[]> {
    return this.lookupByProtocol('user', protocol, query);
  }

  /**
   * GET /_matrix/client/v3/thirdparty/location?alias=. Its 404 ("The Matrix room alias was not
   * found") is about the alias, which the bridges' silence does not tell: none found is `[]`, as
   * Synapse answers.
   */
  @MatrixRoute(queryLocationByAlias)
  queryLocationByAlias(@Query() query: unknown): Promise<ThirdPartyResult[]> {
    return this.lookups.locationsOfAlias(queryParam(query, 'alias'));
  }

  /** GET /_matrix/client/v3/thirdparty/user?userid=: none found is `[]`, as for locations. */
  @MatrixRoute(queryUserByID)
  queryUserByID(@Query() query: unknown): Promise<ThirdPartyResult[]> {
    return this.lookups.usersOfUserId(queryParam(query, 'userid'));
  }

  private async lookupByProtocol(
    kind: 'location' | 'user',
    protocol: string,
    query: unknown,
  ): Promise<ThirdPartyResult[]> {
    const fields = searchFields(query);
    if (!this.lookups.knows(protocol)) throw unknownProtocol(protocol);
    return found(await this.lookups.lookup(kind, protocol, fields), `No third-party ${kind}s found`);
  }
}

/** A protocol's lookups answer 200 when "at least one" was found, 404 M_NOT_FOUND when none was. */
function found(results: ThirdPartyResult[], message: string): ThirdPartyResult[] {
  if (results.length === 0) throw new MatrixError('M_NOT_FOUND', 404, message);
  return results;
}

function unknownProtocol(protocol: string): MatrixError {
  return new MatrixError('M_NOT_FOUND', 404, `Unknown protocol ${protocol}`);
}
