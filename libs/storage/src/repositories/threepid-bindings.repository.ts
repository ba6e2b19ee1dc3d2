import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

export interface ThreepidBinding {
  userId: string;
  medium: string;
  address: string;
  idServer: string;
}

/** The identity servers on which users bound their 3PIDs through this server. */
@Injectable()
export class ThreepidBindingsRepository {
  async add(q: Queryable, b: ThreepidBinding): Promise<void> {
    await q.query(
      `INSERT INTO threepid_id_server_bindings (user_id, medium, address, id_server) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [b.userId, b.medium, b.address, b.idServer],
    );
  }

  async idServers(q: Queryable, userId: string, medium: string, address: string): Promise<string[]> {
    const rows = await q.query(
      `SELECT id_server FROM threepid_id_server_bindings WHERE user_id = $1 AND medium = $2 AND address = $3
       ORDER BY id_server`,
      [userId, medium, address],
    );
    return rows.map((r: { id_server: string }) => r.id_server);
  }

  async forUser(q: Queryable, userId: string): Promise<ThreepidBinding[]> {
    const rows = await q.query(
      `SELECT medium, address, id_server FROM threepid_id_server_bindings WHERE user_id = $1
       ORDER BY medium, address, id_server`,
      [userId],
    );
    return rows.map((r: { medium: string; address: string; id_server: string }) => ({
      userId,
      medium: r.medium,
      address: r.address,
      idServer: r.id_server,
    }));
  }

  async remove(q: Queryable, b: ThreepidBinding): Promise<void> {
    await q.query(
      `DELETE FROM threepid_id_server_bindings
       WHERE user_id = $1 AND medium = $2 AND address = $3 AND id_server = $4`,
      [b.userId, b.medium, b.address, b.idServer],
    );
  }
}
