import { Controller, Param, Query } from '@nestjs/common';
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

/**
 * client-server-api "Third-party Networks". Protocols come from application services' `protocols`
 * and their /thirdparty answers; until the application service API offers them, this server knows
 * no protocol: every protocol lookup is 404 M_NOT_FOUND and every reverse lookup finds nothing.
 */
@Controller()
export class ThirdPartyLookupController {
  /** GET /_matrix/client/v3/thirdparty/protocols. */
  @MatrixRoute(getProtocols)
  getProtocols(): Record<string, never> {
    return {};
  }

  /** GET /_matrix/client/v3/thirdparty/protocol/{protocol}: "The protocol is unknown." */
  @MatrixRoute(getProtocolMetadata)
  getProtocolMetadata(@Param('protocol') protocol: string): never {
    throw unknownProtocol(protocol);
  }

  /** GET /_matrix/client/v3/thirdparty/location/{protocol}. */
  @MatrixRoute(queryLocationByProtocol)
  queryLocationByProtocol(@Param('protocol') protocol: string): never {
    throw unknownProtocol(protocol);
  }

  /** GET /_matrix/client/v3/thirdparty/user/{protocol}. */
  @MatrixRoute(queryUserByProtocol)
  queryUserByProtocol(@Param('protocol') protocol: string): never {
    throw unknownProtocol(protocol);
  }

  /** GET /_matrix/client/v3/thirdparty/location?alias=: no application service, no portal rooms. */
  @MatrixRoute(queryLocationByAlias)
  queryLocationByAlias(@Query() query: unknown): [] {
    queryParam(query, 'alias');
    return [];
  }

  /** GET /_matrix/client/v3/thirdparty/user?userid=: no application service, no third-party users. */
  @MatrixRoute(queryUserByID)
  queryUserByID(@Query() query: unknown): [] {
    queryParam(query, 'userid');
    return [];
  }
}

function unknownProtocol(protocol: string): MatrixError {
  return new MatrixError('M_NOT_FOUND', 404, `Unknown protocol ${protocol}`);
}
