import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AppserviceRegistry, AppserviceSender } from '@switchboard/appservice';
import { BridgeHandle, PreparedBridge } from '@switchboard/bridge-kit';
import { CONFIG, registrationFromValue, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { JOB_QUEUE, JobQueue } from '@switchboard/queue';
import { DATA_SOURCE } from '@switchboard/storage';

export const PREPARED_BRIDGES = Symbol('PREPARED_BRIDGES');

/** A bridge of `bridges_dir`, its listener open and its registration made (see prepareBridge). */
export interface HostedBridge {
  file: string;
  prepared: PreparedBridge;
}

/** What /health and the admin API show for a built-in bridge. */
export interface BridgeHealth {
  id: string;
  state: string;
  message?: string;
  since: number;
  portals?: number;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 60_000;

/**
 * Runs the bridges of `bridges_dir` inside the homeserver. Each one talks to this homeserver over
 * HTTP like any application service; its registration is added to the registry in memory before
 * the event fan-out starts, so no event the bridge should get is passed over while it starts. A
 * bridge that cannot start (its tables, its listener, the homeserver refusing it) is logged, shown
 * in /health, and tried again with backoff: the homeserver itself keeps running.
 */
@Injectable()
export class BridgeHost implements OnModuleInit, OnApplicationShutdown {
  private readonly running = new Map<string, BridgeHandle>();
  private readonly failing = new Map<string, BridgeHealth>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @Inject(PREPARED_BRIDGES) private readonly bridges: HostedBridge[],
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly jobQueue: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly registry: AppserviceRegistry,
    private readonly sender: AppserviceSender,
  ) {}

  onModuleInit(): void {
    for (const { file, prepared } of this.bridges) {
      this.registry.setBuiltIn(
        registrationFromValue(prepared.registration, `${file} (built-in registration)`),
      );
    }
  }

  /** Starts every bridge in the background; `homeserverUrl` is this process's client listener. */
  start(homeserverUrl: string): void {
    for (const bridge of this.bridges) void this.startOne(bridge, homeserverUrl, RETRY_MIN_MS);
  }

  health(): BridgeHealth[] {
    const running = [...this.running.values()].map((b) => ({ ...b.status() }));
    return [...running, ...this.failing.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    const running = [...this.running.values()];
    this.running.clear();
    await Promise.all(running.map((b) => b.stop().catch(() => undefined)));
    await Promise.all(this.bridges.map((b) => b.prepared.close().catch(() => undefined)));
  }

  private async startOne(bridge: HostedBridge, homeserverUrl: string, retryMs: number): Promise<void> {
    const { id } = bridge.prepared;
    const log = this.logger.child({ bridge: id });
    try {
      const handle = await bridge.prepared.run({
        homeserverUrl,
        publicBaseUrl: this.config.public_baseurl.replace(/\/$/, ''),
        dataSource: this.dataSource,
        jobQueue: this.jobQueue,
      });
      if (this.stopped) return void (await handle.stop());
      this.failing.delete(id);
      this.running.set(id, handle);
      this.sender.up(id);
      log.info({ url: bridge.prepared.registration.url }, 'bridge started');
    } catch (err) {
      if (this.stopped) return;
      const message = err instanceof Error ? err.message : String(err);
      this.failing.set(id, { id, state: 'UNKNOWN_ERROR', message, since: Date.now() });
      log.error({ err, retry_in_ms: retryMs }, 'bridge could not start; retrying');
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.startOne(bridge, homeserverUrl, Math.min(RETRY_MAX_MS, retryMs * 2));
      }, retryMs);
      this.timers.add(timer);
    }
  }
}
