import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/**
 * Transactions received from other servers, by (origin, txnId), with the answer given: a server
 * that retries a transaction gets the same answer and nothing is processed twice.
 */
@Injectable()
export class FederationReceivedTxnsRepository {
  async response(q: Queryable, origin: string, txnId: string): Promise<object | null> {
    const rows: { response: unknown }[] = await q.query(
      `SELECT response FROM federation_received_txns WHERE origin = $1 AND txn_id = $2`,
      [origin, txnId],
    );
    return rows.length ? (rows[0].response as object) : null;
  }

  async record(q: Queryable, origin: string, txnId: string, response: object): Promise<void> {
    await q.query(
      `INSERT INTO federation_received_txns (origin, txn_id, response, received_ts) VALUES ($1, $2, $3, $4)
       ON CONFLICT (origin, txn_id) DO NOTHING`,
      [origin, txnId, JSON.stringify(response), Date.now()],
    );
  }
}
