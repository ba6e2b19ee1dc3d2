import { ClientEvent, JsonObject } from '@switchboard/protocol';
import { AppserviceBatch } from '@switchboard/storage';

/** The body of `PUT /_matrix/app/v1/transactions/{txnId}`. */
export interface AppserviceTransactionBody {
  events: ClientEvent[];
  [key: string]: unknown;
}

/**
 * application-service-api "Pushing events": `events` in the client format. The ephemeral kinds go
 * under their stable names and under the unstable ones of their proposals (MSC2409 ephemeral and
 * to-device, MSC3202 device lists), which the bridges deployed today read; a kind with nothing
 * to carry is left out.
 */
export function transactionBody(events: ClientEvent[], batch: AppserviceBatch): AppserviceTransactionBody {
  const body: AppserviceTransactionBody = { events };
  const both = (stable: string, unstable: string, value: JsonObject[] | JsonObject | undefined) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    body[stable] = value;
    body[unstable] = value;
  };
  both('ephemeral', 'de.sorunome.msc2409.ephemeral', batch.ephemeral);
  both('to_device', 'de.sorunome.msc2409.to_device', batch.toDevice);
  both('device_lists', 'org.matrix.msc3202.device_lists', batch.deviceLists);
  return body;
}
