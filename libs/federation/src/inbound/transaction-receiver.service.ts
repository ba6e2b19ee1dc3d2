import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import {
  computeEventId,
  IdentifiedPdu,
  Pdu,
  roomVersion,
  SendTransactionResponse,
  StateMap,
  tryServerNameOf,
} from '@switchboard/protocol';
import { RoomInput, RoomStateQuery } from '@switchboard/rooms';
import {
  EventsRepository,
  FederationReceivedTxnsRepository,
  RoomsRepository,
  Transactions,
} from '@switchboard/storage';
import { InboundEdus } from '../edu/inbound-edus';
import { parseTransaction } from './parse-transaction';
import { aclAllows } from './room-acl';
import { serverIsJoined } from './server-is-joined';

/**
 * `PUT /send/{txnId}` (server-server-api "Transactions"): each PDU goes through the room server's
 * input pipeline on its own, so one bad PDU never fails the others; then the EDUs. The answer is
 * kept per (origin, txnId): a retried transaction gets it again and is not processed twice.
 */
@Injectable()
export class TransactionReceiver {
  private readonly inFlight = new Map<string, Promise<SendTransactionResponse>>();

  constructor(
    private readonly transactions: Transactions,
    private readonly received: FederationReceivedTxnsRepository,
    private readonly rooms: RoomsRepository,
    private readonly events: EventsRepository,
    private readonly state: RoomStateQuery,
    private readonly input: RoomInput,
    private readonly edus: InboundEdus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async receive(origin: string, txnId: string, body: unknown): Promise<SendTransactionResponse> {
    const transaction = parseTransaction(body);
    const key = JSON.stringify([origin, txnId]);
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.processOnce(origin, txnId, transaction.pdus, transaction.edus).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, work);
    return work;
  }

  private async processOnce(
    origin: string,
    txnId: string,
    pdus: Pdu[],
    edus: ReturnType<typeof parseTransaction>['edus'],
  ): Promise<SendTransactionResponse> {
    const previous = await this.received.response(this.transactions.reader, origin, txnId);
    if (previous) return previous as SendTransactionResponse;
    const results: SendTransactionResponse['pdus'] = {};
    for (const pdu of pdus) {
      const outcome = await this.receivePdu(origin, pdu);
      if (outcome) results[outcome.eventId] = outcome.error === undefined ? {} : { error: outcome.error };
    }
    for (const edu of edus) await this.edus.receive(origin, edu);
    const response = { pdus: results };
    await this.received.record(this.transactions.reader, origin, txnId, response);
    return response;
  }

  /** Undefined for a PDU whose event ID cannot be known (not an event of a room we have). */
  private async receivePdu(
    origin: string,
    pdu: Pdu,
  ): Promise<{ eventId: string; error?: string } | undefined> {
    const identified = await this.identify(pdu);
    if (!identified) {
      this.logger.info({ origin, room_id: pdu?.room_id }, 'ignoring a PDU for an unknown room');
      return undefined;
    }
    const { eventId } = identified;
    const roomId = pdu.room_id as string;
    try {
      const state = await this.state.current(roomId);
      const refused = !aclAllows(state, origin)
        ? `${origin} is denied by the room's server ACL`
        : !originMayWrite(state, origin, pdu)
          ? `${origin} is not in room ${roomId}`
          : undefined;
      if (refused) {
        this.logger.warn({ origin, room_id: roomId, event_id: eventId, reason: refused }, 'refused a PDU');
        return { eventId, error: refused };
      }
      const [result] = await this.input.input([{ kind: 'new', roomId, pdu, origin }]);
      // An event that fails the auth rules is still processed: it is stored as rejected, and the
      // sender learns nothing it could not compute itself (as Synapse answers). An error is for an
      // event we could not process: dropped, or placed nowhere for want of its prev_events.
      if (result.outcome === 'rejected' && !(await this.storedAsRejected(eventId))) {
        return { eventId, error: result.reason ?? 'rejected' };
      }
      return { eventId };
    } catch (err) {
      this.logger.warn({ err, origin, event_id: eventId }, 'processing a PDU failed');
      return { eventId, error: 'internal error while processing the event' };
    }
  }

  private async storedAsRejected(eventId: string): Promise<boolean> {
    return (await this.events.get(this.transactions.reader, eventId))?.rejectedReason != null;
  }

  /** The event ID per the room's version; undefined when the room or the ID cannot be known. */
  private async identify(pdu: Pdu): Promise<IdentifiedPdu | undefined> {
    if (typeof pdu !== 'object' || pdu === null || typeof pdu.room_id !== 'string') return undefined;
    const room = await this.rooms.get(this.transactions.reader, pdu.room_id);
    const version = room && roomVersion(room.roomVersion);
    if (!version) return undefined;
    try {
      return { eventId: computeEventId(pdu, version), pdu };
    } catch {
      return typeof pdu.event_id === 'string' ? { eventId: pdu.event_id, pdu } : undefined;
    }
  }
}

/**
 * A server sends events into rooms it is in: one of its users is joined, or the event is the
 * membership of one of its users (a join, knock or leave arriving as the first event of the
 * server in the room).
 */
function originMayWrite(state: StateMap<IdentifiedPdu>, origin: string, pdu: Pdu): boolean {
  if (
    pdu.type === 'm.room.member' &&
    typeof pdu.state_key === 'string' &&
    tryServerNameOf(pdu.state_key) === origin
  ) {
    return true;
  }
  return serverIsJoined(state, origin);
}
