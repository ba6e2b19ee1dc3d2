import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  bulkPerspectivesKeyQuery,
  KeyQueryResponse,
  MatrixError,
  perspectivesKeyQuery,
  perspectivesKeyQueryById,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { KeyCriteria, KeyQueryService } from './key-query.service';

@Controller()
export class KeyQueryController {
  constructor(private readonly keyQuery: KeyQueryService) {}

  /**
   * GET /_matrix/key/v2/query/{serverName}
   * server-server-api "Querying Keys Through Another Server": one server's keys, signed by us.
   */
  @MatrixRoute(perspectivesKeyQuery)
  async perspectivesKeyQuery(
    @Param('serverName') serverName: string,
    @Query('minimum_valid_until_ts') minimumValidUntilTs: unknown,
  ): Promise<KeyQueryResponse> {
    const criteria = { keyIds: [], minimumValidUntilTs: timestamp(minimumValidUntilTs) };
    return { server_keys: await this.keyQuery.query(serverName, criteria) };
  }

  /** GET /_matrix/key/v2/query/{serverName}/{keyId}: the legacy form, for that one key. */
  @MatrixRoute(perspectivesKeyQueryById)
  async perspectivesKeyQueryById(
    @Param('serverName') serverName: string,
    @Param('keyId') keyId: string,
    @Query('minimum_valid_until_ts') minimumValidUntilTs: unknown,
  ): Promise<KeyQueryResponse> {
    const criteria = { keyIds: [keyId], minimumValidUntilTs: timestamp(minimumValidUntilTs) };
    return { server_keys: await this.keyQuery.query(serverName, criteria) };
  }

  /**
   * POST /_matrix/key/v2/query
   * server-server-api "Querying Keys Through Another Server": several servers' keys, signed by us.
   */
  @MatrixRoute(bulkPerspectivesKeyQuery)
  async bulkPerspectivesKeyQuery(@Body() body: unknown): Promise<KeyQueryResponse> {
    const queries = parseQuery(body);
    const answers = await Promise.all(
      queries.map(([server, criteria]) => this.keyQuery.query(server, criteria)),
    );
    return { server_keys: answers.flat() };
  }
}

/** "If not supplied, the notary server MUST use the current time." */
function timestamp(value: unknown): number {
  if (value === undefined) return Date.now();
  const ts = typeof value === 'string' && /^[0-9]{1,16}$/.test(value) ? Number(value) : value;
  if (!Number.isSafeInteger(ts) || (ts as number) < 0) {
    throw new MatrixError(
      'M_INVALID_PARAM',
      400,
      'minimum_valid_until_ts must be a timestamp in milliseconds',
    );
  }
  return ts as number;
}

/**
 * `{server_keys: {server: {keyId: {minimum_valid_until_ts?}}}}`; a server asked for several keys
 * gets the latest of their minimums.
 */
function parseQuery(body: unknown): [string, KeyCriteria][] {
  const serverKeys = isObject(body) ? body.server_keys : undefined;
  if (!isObject(serverKeys)) throw badJson('server_keys must be an object');
  return Object.entries(serverKeys).map(([server, keys]) => {
    if (!isObject(keys)) throw badJson(`server_keys.${server} must be an object`);
    const minimums = Object.entries(keys).map(([keyId, criteria]) => {
      if (!isObject(criteria)) throw badJson(`server_keys.${server}.${keyId} must be an object`);
      return timestamp(criteria.minimum_valid_until_ts);
    });
    const minimumValidUntilTs = minimums.length > 0 ? Math.max(...minimums) : Date.now();
    return [server, { keyIds: Object.keys(keys), minimumValidUntilTs }];
  });
}

function badJson(message: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
