import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  backfillRoom,
  FederationPdusResponse,
  getMissingPreviousEvents,
  MatrixError,
  Pdu,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Origin } from '../auth/origin.decorator';
import { isObject } from '../inbound/parse-transaction';
import { EventServing } from './event-serving.service';
import { walkBackwards } from './history-walk';

/** Synapse's caps: a request cannot make us walk an unbounded part of the DAG. */
const MAX_BACKFILL = 100;
const MAX_MISSING_EVENTS = 20;
const DEFAULT_MISSING_EVENTS = 10;

/** server-server-api "Backfilling and retrieving missing events". */
@Controller()
export class BackfillController {
  constructor(private readonly serving: EventServing) {}

  /** GET /_matrix/federation/v1/backfill/{roomId}?v=&limit= */
  @MatrixRoute(backfillRoom)
  async backfill(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Query('v') v: unknown,
    @Query('limit') limit: unknown,
  ): Promise<FederationPdusResponse> {
    const from = (Array.isArray(v) ? v : [v]).filter(
      (id): id is string => typeof id === 'string' && id !== '',
    );
    if (from.length === 0) throw new MatrixError('M_MISSING_PARAM', 400, 'v is required');
    if (typeof limit !== 'string' || !/^[0-9]{1,9}$/.test(limit)) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'limit must be a non-negative integer');
    }
    const version = await this.serving.requireServerInRoom(origin, roomId);
    const rows = await walkBackwards({
      roomId,
      from,
      limit: Math.min(Number(limit), MAX_BACKFILL),
      load: (ids) => this.serving.rows(ids),
    });
    const pdus = await this.serving.forServer(origin, version, rows);
    return { origin: this.serving.serverName, origin_server_ts: Date.now(), pdus };
  }

  /** POST /_matrix/federation/v1/get_missing_events/{roomId} */
  @MatrixRoute(getMissingPreviousEvents)
  async missingEvents(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<{ events: Pdu[] }> {
    const version = await this.serving.requireServerInRoom(origin, roomId);
    const request = parseMissingEventsRequest(body);
    const latest = await this.serving.rows(request.latest);
    const from = [...latest.values()]
      .filter((row) => row.roomId === roomId)
      .flatMap((row) => row.pdu.prev_events.map((ref) => (typeof ref === 'string' ? ref : ref[0])));
    const rows = await walkBackwards({
      roomId,
      from,
      stopAt: new Set(request.earliest),
      minDepth: request.minDepth,
      limit: request.limit,
      load: (ids) => this.serving.rows(ids),
    });
    rows.reverse();
    return { events: await this.serving.forServer(origin, version, rows) };
  }
}

interface MissingEventsRequest {
  earliest: string[];
  latest: string[];
  limit: number;
  minDepth: number;
}

function parseMissingEventsRequest(body: unknown): MissingEventsRequest {
  if (!isObject(body)) throw badJson('The body must be a JSON object');
  const { earliest_events: earliest, latest_events: latest, limit, min_depth: minDepth } = body;
  // Absent lists are empty, as Synapse reads them.
  const ids = (value: unknown, name: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
      throw badJson(`${name} must be a list of event IDs`);
    }
    return value;
  };
  const count = (value: unknown, name: string, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isSafeInteger(value) || (value as number) < 0) throw badJson(`${name} must be an integer`);
    return value as number;
  };
  return {
    earliest: ids(earliest, 'earliest_events'),
    latest: ids(latest, 'latest_events'),
    limit: Math.min(count(limit, 'limit', DEFAULT_MISSING_EVENTS), MAX_MISSING_EVENTS),
    minDepth: count(minDepth, 'min_depth', 0),
  };
}

function badJson(message: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, message);
}
