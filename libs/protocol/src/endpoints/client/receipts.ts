import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}". */
export const postReceipt: Endpoint = {
  operationId: 'postReceipt',
  method: 'POST',
  path: '/_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}',
  auth: 'access_token',
  section: 'receipts',
  rateLimited: true,
};

/** The path's `receiptType`: `m.fully_read` is the read marker, set as /read_markers would. */
export const RECEIPT_TYPES = ['m.read', 'm.read.private', 'm.fully_read'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

export interface PostReceiptRequest {
  thread_id?: string;
}
