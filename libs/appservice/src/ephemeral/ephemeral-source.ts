import { AppserviceOutboxEntry, Queryable } from '@switchboard/storage';
import { Appservice } from '../registry/appservice';
import { AppserviceInterest } from './appservice-interest';

/** One stream of ephemeral data that EphemeralFanout hands to application services. */
export interface EphemeralSource<Row extends { streamId: number }> {
  /** The notifier stream that moves when the source has more; also its key in the positions table. */
  readonly stream: string;
  /** Whether the registration asked for this kind of data at all. */
  wants(service: Appservice): boolean;
  /** The stream's newest position: where handing over begins on a first start. */
  current(q: Queryable): Promise<number>;
  /** What the stream gained after `after`, in stream order, at most `limit`. */
  read(q: Queryable, after: number, limit: number): Promise<Row[]>;
  /** The outbox rows for those items, to the services of `interest` that they concern. */
  entries(rows: readonly Row[], interest: AppserviceInterest): Promise<AppserviceOutboxEntry[]>;
}
