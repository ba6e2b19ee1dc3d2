import { randomBytes } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { FederationTransaction, Edu, Pdu } from '@switchboard/protocol';
import {
  DestinationRetriesRepository,
  FederationOutboxRepository,
  OutboxBatch,
  Transactions,
} from '@switchboard/storage';
import { MAX_EDUS_PER_TRANSACTION, MAX_PDUS_PER_TRANSACTION } from '../inbound/parse-transaction';
import { FederationRemoteError } from '../transport/federation-remote.error';
import { FederationClient } from '../transport/federation-client';

/** After a failed send the destination waits this long, doubling per further failure, up to the cap. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;

interface DestinationState {
  sending: boolean;
  /** A wake came while sending: look at the outbox again before stopping. */
  again: boolean;
  /** As stored in DestinationRetriesRepository: 0 while the destination is reachable. */
  backoffMs: number;
  retry?: NodeJS.Timeout;
}

/**
 * The outbox's consumer: one loop per destination sends its entries in order as transactions
 * (`PUT /send/{txnId}`, at most 50 PDUs and 100 EDUs each), one transaction in flight at a time.
 * A failed transaction is retried, with the same txnId, after an exponential backoff; an answer
 * that says the request itself is wrong (4xx) drops it, as retrying cannot help. The backoff is
 * stored, so a restart waits out what is left of it; it ends when the destination is reachable
 * again: a transaction went through, or it sent us one.
 */
@Injectable()
export class DestinationSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly destinations = new Map<string, DestinationState>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly outbox: FederationOutboxRepository,
    private readonly client: FederationClient,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly retries: DestinationRetriesRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.federation.enabled) return;
    const now = Date.now();
    for (const retry of await this.retries.list(this.transactions.reader)) {
      const state = this.state(retry.destination);
      state.backoffMs = retry.retryInterval;
      this.retryIn(retry.destination, state, retry.retryLastTs + retry.retryInterval - now);
    }
    for (const destination of await this.outbox.destinationsWithPending(this.transactions.reader)) {
      this.wake(destination);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const state of this.destinations.values()) clearTimeout(state.retry);
    await Promise.all(this.running);
  }

  /** Something was added to the destination's outbox. */
  wake(destination: string): void {
    if (this.stopped || !this.config.federation.enabled) return;
    const state = this.state(destination);
    if (state.retry) return;
    if (state.sending) {
      state.again = true;
      return;
    }
    state.sending = true;
    const run = this.drain(destination, state).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** The destination reached us: it is up, so what waits for it goes now. */
  peerIsUp(destination: string): void {
    const state = this.destinations.get(destination);
    if (!state || state.backoffMs === 0) return;
    clearTimeout(state.retry);
    state.retry = undefined;
    this.reachable(destination, state).catch((err: unknown) =>
      this.logger.warn({ err, destination }, 'outbox: clearing a backoff failed'),
    );
    this.wake(destination);
  }

  private state(destination: string): DestinationState {
    let state = this.destinations.get(destination);
    if (!state) {
      state = { sending: false, again: false, backoffMs: 0 };
      this.destinations.set(destination, state);
    }
    return state;
  }

  private async drain(destination: string, state: DestinationState): Promise<void> {
    try {
      for (;;) {
        state.again = false;
        const batch = await this.transactions.run((tx) =>
          this.outbox.nextBatch(
            tx,
            destination,
            newTxnId(),
            MAX_PDUS_PER_TRANSACTION,
            MAX_EDUS_PER_TRANSACTION,
          ),
        );
        if (!batch) {
          if (state.again && !this.stopped) continue;
          return;
        }
        if (this.stopped) return;
        const delivered = await this.send(destination, batch);
        if (!delivered) {
          await this.scheduleRetry(destination, state);
          return;
        }
        if (state.backoffMs !== 0) await this.reachable(destination, state);
      }
    } catch (err) {
      this.logger.error({ err, destination }, 'outbox: reading the outbox failed');
      await this.scheduleRetry(destination, state).catch((e: unknown) =>
        this.logger.error({ err: e, destination }, 'outbox: storing a backoff failed'),
      );
    } finally {
      state.sending = false;
    }
  }

  /** True when the batch is done with (delivered, or refused for good). */
  private async send(destination: string, batch: OutboxBatch): Promise<boolean> {
    const now = Date.now();
    const pdus = await this.outbox.pdus(this.transactions.reader, batch.eventIds);
    const body: FederationTransaction = {
      origin: this.config.server_name,
      origin_server_ts: now,
      pdus: pdus.map((pdu) => withAge(pdu, now)),
      edus: batch.edus as Edu[],
    };
    try {
      const answer = await this.client.request<{ pdus?: Record<string, { error?: string }> }>(destination, {
        method: 'PUT',
        path: `/_matrix/federation/v1/send/${encodeURIComponent(batch.txnId)}`,
        body,
      });
      for (const [eventId, result] of Object.entries(answer.pdus ?? {})) {
        if (result?.error)
          this.logger.info({ destination, event_id: eventId, error: result.error }, 'PDU refused');
      }
    } catch (err) {
      const permanent =
        err instanceof FederationRemoteError && err.status >= 400 && err.status < 500 && err.status !== 429;
      this.logger.warn(
        { err, destination, txn_id: batch.txnId, permanent },
        'outbox: sending a transaction failed',
      );
      if (!permanent) return false;
    }
    await this.outbox.remove(this.transactions.reader, destination, batch.txnId);
    return true;
  }

  private async scheduleRetry(destination: string, state: DestinationState): Promise<void> {
    if (this.stopped) return;
    state.backoffMs = Math.min(
      MAX_BACKOFF_MS,
      state.backoffMs === 0 ? FIRST_BACKOFF_MS : state.backoffMs * 2,
    );
    this.retryIn(destination, state, state.backoffMs);
    await this.retries.recordFailure(this.transactions.reader, destination, Date.now(), state.backoffMs);
  }

  private retryIn(destination: string, state: DestinationState, delayMs: number): void {
    clearTimeout(state.retry);
    state.retry = setTimeout(
      () => {
        state.retry = undefined;
        this.wake(destination);
      },
      Math.max(0, delayMs),
    );
    state.retry.unref();
  }

  private async reachable(destination: string, state: DestinationState): Promise<void> {
    state.backoffMs = 0;
    await this.retries.reset(this.transactions.reader, destination);
  }
}

/**
 * PDU unsigned.age: "The number of milliseconds that have passed since this message was sent".
 * Synapse serves its clients an event's `age` only when the sending server gave one.
 */
function withAge(pdu: Pdu, now: number): Pdu {
  return { ...pdu, unsigned: { ...pdu.unsigned, age: Math.max(0, now - pdu.origin_server_ts) } };
}

/** Unique per destination across restarts: a remote dedupes transactions by (origin, txnId). */
function newTxnId(): string {
  return `${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}
