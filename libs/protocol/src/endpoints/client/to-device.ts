import { Endpoint } from '../endpoint.types';

/** client-server-api "PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId}". */
export const sendToDevice: Endpoint = {
  operationId: 'sendToDevice',
  method: 'PUT',
  path: '/_matrix/client/v3/sendToDevice/{eventType}/{txnId}',
  auth: 'access_token',
  section: 'to_device',
};

/** The device ID that means "all known devices for the user". */
export const ALL_DEVICES = '*';

/**
 * server-server-api "Send-to-device messaging": the content of an `m.direct_to_device` EDU, the
 * messages of one sender for users of the receiving server.
 */
export interface DirectToDeviceContent {
  sender: string;
  type: string;
  message_id: string;
  /** User ID to device ID (or `*`) to message content. */
  messages: Record<string, Record<string, Record<string, unknown>>>;
}
