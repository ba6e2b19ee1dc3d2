import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DATABASE_KIND, DatabaseKind, HealthRepository } from '@switchboard/storage';
import { QUEUE_HEALTH, QueueHealth } from '@switchboard/queue';
import { BridgeHealth, BridgeHost } from '../bridges/bridge-host.service';

export interface HealthResponse {
  status: 'ok' | 'unavailable';
  database: { kind: DatabaseKind; reachable: boolean };
  redis: { kind: 'redis' | 'in-process'; reachable: boolean };
  /** The built-in bridges; one that is down does not make the homeserver unavailable. */
  bridges: BridgeHealth[];
}

@Controller()
export class HealthController {
  constructor(
    private readonly db: HealthRepository,
    @Inject(DATABASE_KIND) private readonly databaseKind: DatabaseKind,
    @Inject(QUEUE_HEALTH) private readonly queue: QueueHealth,
    private readonly bridgeHost: BridgeHost,
  ) {}

  /** GET /health: 200 when the database and Redis answer, 503 otherwise; for load balancers. */
  @Get('/health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const [database, redis] = await Promise.all([this.db.ping(), this.queue.ping()]);
    const ok = database && redis;
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      database: { kind: this.databaseKind, reachable: database },
      redis: { kind: this.queue.kind, reachable: redis },
      bridges: this.bridgeHost.health(),
    };
  }
}
