import { Endpoint } from '../endpoint.types';
import { Pdu } from '../../events/pdu.types';

/** server-server-api "Transactions": `PUT /_matrix/federation/v1/send/{txnId}`. */
export const sendTransaction: Endpoint = {
  operationId: 'sendTransaction',
  method: 'PUT',
  path: '/_matrix/federation/v1/send/{txnId}',
  auth: 'x_matrix',
  section: 'transactions',
};

/** server-server-api "Retrieving events": `GET /_matrix/federation/v1/event/{eventId}`. */
export const getFederationEvent: Endpoint = {
  operationId: 'getEvent',
  method: 'GET',
  path: '/_matrix/federation/v1/event/{eventId}',
  auth: 'x_matrix',
  section: 'events',
};

/** `GET /_matrix/federation/v1/state/{roomId}?event_id=`. */
export const getRoomStateAtEvent: Endpoint = {
  operationId: 'getRoomState',
  method: 'GET',
  path: '/_matrix/federation/v1/state/{roomId}',
  auth: 'x_matrix',
  section: 'events',
};

/** `GET /_matrix/federation/v1/state_ids/{roomId}?event_id=`. */
export const getRoomStateIds: Endpoint = {
  operationId: 'getRoomStateIds',
  method: 'GET',
  path: '/_matrix/federation/v1/state_ids/{roomId}',
  auth: 'x_matrix',
  section: 'events',
};

/** server-server-api "Retrieving event authorization information". */
export const getEventAuth: Endpoint = {
  operationId: 'getEventAuth',
  method: 'GET',
  path: '/_matrix/federation/v1/event_auth/{roomId}/{eventId}',
  auth: 'x_matrix',
  section: 'event_auth',
};

/** server-server-api "Backfilling and retrieving missing events". */
export const backfillRoom: Endpoint = {
  operationId: 'backfillRoom',
  method: 'GET',
  path: '/_matrix/federation/v1/backfill/{roomId}',
  auth: 'x_matrix',
  section: 'backfill',
};

export const getMissingPreviousEvents: Endpoint = {
  operationId: 'getMissingPreviousEvents',
  method: 'POST',
  path: '/_matrix/federation/v1/get_missing_events/{roomId}',
  auth: 'x_matrix',
  section: 'backfill',
};

/** `GET /_matrix/federation/v1/timestamp_to_event/{roomId}?ts=&dir=`. */
export const getFederationEventByTimestamp: Endpoint = {
  operationId: 'getEventByTimestamp',
  method: 'GET',
  path: '/_matrix/federation/v1/timestamp_to_event/{roomId}',
  auth: 'x_matrix',
  section: 'events',
};

/** An EDU as carried in a transaction. */
export interface Edu {
  edu_type: string;
  content: Record<string, unknown>;
}

/** The body of `PUT /send/{txnId}`. */
export interface FederationTransaction {
  origin: string;
  origin_server_ts: number;
  pdus: Pdu[];
  edus?: Edu[];
}

/** "The result of processing the transaction": per PDU, `{}` or `{"error": ...}`. */
export interface SendTransactionResponse {
  pdus: Record<string, { error?: string }>;
}

/** The answer of `/event`, `/backfill` and `/get_missing_events` (the last without origin fields). */
export interface FederationPdusResponse {
  origin: string;
  origin_server_ts: number;
  pdus: Pdu[];
}

export interface RoomStateResponse {
  auth_chain: Pdu[];
  pdus: Pdu[];
}

export interface RoomStateIdsResponse {
  auth_chain_ids: string[];
  pdu_ids: string[];
}
