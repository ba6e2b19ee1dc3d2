import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/**
 * Nonces of shared-secret registration (Synapse's `/_synapse/admin/v1/register`). Kept in the
 * database so a nonce fetched from one homeserver process can be used on another.
 */
@Injectable()
export class RegistrationNoncesRepository {
  async insert(q: Queryable, nonce: string, createdTs: number): Promise<void> {
    await q.query(`INSERT INTO registration_nonces (nonce, created_ts) VALUES ($1, $2)`, [nonce, createdTs]);
  }

  /**
   * Removes the nonce, so it can be used once only, and tells whether it was issued at or after
   * `notBefore`. Older nonces are dropped on the way.
   */
  async take(q: Queryable, nonce: string, notBefore: number): Promise<boolean> {
    await q.query(`DELETE FROM registration_nonces WHERE created_ts < $1`, [notBefore]);
    // Wrapped in a CTE: TypeORM answers a bare UPDATE/DELETE ... RETURNING with [rows, count].
    const rows = await q.query(
      `WITH gone AS (DELETE FROM registration_nonces WHERE nonce = $1 RETURNING nonce) SELECT nonce FROM gone`,
      [nonce],
    );
    return rows.length > 0;
  }
}
