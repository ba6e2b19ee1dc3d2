import { Controller, Param, Query } from '@nestjs/common';
import {
  FederationPdusResponse,
  getFederationEventByTimestamp,
  getFederationEvent,
  getRoomStateAtEvent,
  getRoomStateIds,
  MatrixError,
  RoomStateIdsResponse,
  RoomStateResponse,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { EventsRepository, Transactions } from '@switchboard/storage';
import { Origin } from '../auth/origin.decorator';
import { EventServing } from './event-serving.service';

/** server-server-api "Retrieving events": one event, and the state of a room at an event. */
@Controller()
export class FederationEventsController {
  constructor(
    private readonly serving: EventServing,
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
  ) {}

  /** GET /_matrix/federation/v1/event/{eventId} */
  @MatrixRoute(getFederationEvent)
  async event(@Origin() origin: string, @Param('eventId') eventId: string): Promise<FederationPdusResponse> {
    const row = await this.serving.event(eventId);
    if (!row) throw new MatrixError('M_NOT_FOUND', 404, `Event ${eventId} not found`);
    const version = await this.serving.requireServerInRoom(origin, row.roomId);
    const pdus = await this.serving.forServer(origin, version, [row]);
    return { origin: this.serving.serverName, origin_server_ts: Date.now(), pdus };
  }

  /** GET /_matrix/federation/v1/state/{roomId}?event_id= */
  @MatrixRoute(getRoomStateAtEvent)
  async state(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Query('event_id') eventId: unknown,
  ): Promise<RoomStateResponse> {
    const { stateIds, authChainIds } = await this.stateAt(origin, roomId, eventId);
    const events = await this.serving.pdus([...stateIds, ...authChainIds]);
    const pdusOf = (ids: string[]) => ids.map((id) => events.get(id)?.pdu).filter((p) => p !== undefined);
    return { pdus: pdusOf(stateIds), auth_chain: pdusOf(authChainIds) };
  }

  /** GET /_matrix/federation/v1/state_ids/{roomId}?event_id= */
  @MatrixRoute(getRoomStateIds)
  async stateIds(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Query('event_id') eventId: unknown,
  ): Promise<RoomStateIdsResponse> {
    const { stateIds, authChainIds } = await this.stateAt(origin, roomId, eventId);
    return { pdu_ids: stateIds, auth_chain_ids: authChainIds };
  }

  /** GET /_matrix/federation/v1/timestamp_to_event/{roomId}?ts=&dir= */
  @MatrixRoute(getFederationEventByTimestamp)
  async timestampToEvent(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Query('ts') ts: unknown,
    @Query('dir') dir: unknown,
  ): Promise<{ event_id: string; origin_server_ts: number }> {
    if (typeof ts !== 'string' || !/^[0-9]{1,16}$/.test(ts)) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'ts must be a timestamp in milliseconds');
    }
    if (dir !== 'f' && dir !== 'b') throw new MatrixError('M_INVALID_PARAM', 400, "dir must be 'f' or 'b'");
    await this.serving.requireServerInRoom(origin, roomId);
    const row = await this.events.closestToTimestamp(
      this.transactions.reader,
      roomId,
      Number(ts),
      dir === 'f',
    );
    if (!row)
      throw new MatrixError('M_NOT_FOUND', 404, `No event found ${dir === 'f' ? 'after' : 'before'} ${ts}`);
    return { event_id: row.eventId, origin_server_ts: row.originServerTs };
  }

  /** The state before the event and the auth chain of that state. */
  private async stateAt(
    origin: string,
    roomId: string,
    eventId: unknown,
  ): Promise<{ stateIds: string[]; authChainIds: string[] }> {
    if (typeof eventId !== 'string' || eventId === '') {
      throw new MatrixError('M_MISSING_PARAM', 400, 'event_id is required');
    }
    await this.serving.requireServerInRoom(origin, roomId);
    const row = await this.serving.eventInRoom(roomId, eventId);
    // An outlier has no state here that we could vouch for.
    if (row.outlier)
      throw new MatrixError('M_NOT_FOUND', 404, `Event ${eventId} not found in room ${roomId}`);
    const stateIds = [...(await this.serving.stateIdsBefore(row)).values()];
    return { stateIds, authChainIds: await this.serving.authChainIds(stateIds) };
  }
}
