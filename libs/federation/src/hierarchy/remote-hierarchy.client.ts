import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { FederationHierarchyResponse } from '@switchboard/protocol';
import { RemoteHierarchy } from '@switchboard/rooms';
import { FederationClient } from '../transport/federation-client';
import { parseFederationHierarchy } from './parse-hierarchy';

/** A space's answer is small: its summary and its direct children's. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;
/** "The response to this endpoint should be cached for a period of time." */
const CACHE_MS = 5 * 60 * 1000;

/** The requesting server's end of server-server-api GET /hierarchy/{roomId}: the REMOTE_HIERARCHY port. */
@Injectable()
export class RemoteHierarchyClient implements RemoteHierarchy {
  private readonly cache = new Map<string, { at: number; answer: FederationHierarchyResponse }>();

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly client: FederationClient,
  ) {}

  async hierarchy(
    roomId: string,
    servers: readonly string[],
    suggestedOnly: boolean,
  ): Promise<FederationHierarchyResponse | null> {
    const key = `${suggestedOnly}\u0000${roomId}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.answer;
    for (const server of new Set(servers)) {
      if (server === this.config.server_name) continue;
      try {
        const body = await this.client.request<unknown>(server, {
          method: 'GET',
          path: `/_matrix/federation/v1/hierarchy/${encodeURIComponent(roomId)}?suggested_only=${suggestedOnly}`,
          timeoutMs: TIMEOUT_MS,
          maxResponseBytes: MAX_RESPONSE_BYTES,
        });
        const answer = parseFederationHierarchy(body);
        if (!answer || answer.room.room_id !== roomId) {
          this.logger.info({ room_id: roomId, destination: server }, 'malformed /hierarchy answer');
          continue;
        }
        this.remember(key, answer);
        return answer;
      } catch (err) {
        this.logger.info({ room_id: roomId, destination: server, err }, '/hierarchy failed');
      }
    }
    return null;
  }

  private remember(key: string, answer: FederationHierarchyResponse): void {
    const now = Date.now();
    for (const [k, v] of this.cache) if (now - v.at >= CACHE_MS) this.cache.delete(k);
    this.cache.set(key, { at: now, answer });
  }
}
