import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { Logger, LOGGER } from '@switchboard/observability';
import { BullmqAdapter } from './bullmq.adapter';
import { InProcessAdapter } from './in-process.adapter';
import { InProcessNotifier } from './in-process.notifier';
import { NOTIFIER, Notifier } from './notifier.port';
import { JOB_QUEUE, JobQueue, QUEUE_HEALTH } from './queue.port';
import { RedisNotifier } from './redis.notifier';

export interface QueueModuleOptions {
  /** null: in-process queue and notifier (embedded mode, one process); else BullMQ and Redis pub/sub. */
  redisUrl: string | null;
  /** Prefix of every Redis key, so several deployments can share one Redis. */
  prefix: string;
}

const LOGGER_IF_ANY = { token: LOGGER, optional: true };

/** Provides JOB_QUEUE, QUEUE_HEALTH and NOTIFIER to every module. */
@Global()
@Module({})
export class QueueModule implements BeforeApplicationShutdown {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  static forRoot(options: QueueModuleOptions): DynamicModule {
    const { redisUrl, prefix } = options;
    return {
      module: QueueModule,
      providers: [
        {
          provide: JOB_QUEUE,
          useFactory: (logger?: Logger) =>
            redisUrl === null
              ? new InProcessAdapter(logger)
              : new BullmqAdapter({ url: redisUrl, prefix, logger }),
          inject: [LOGGER_IF_ANY],
        },
        { provide: QUEUE_HEALTH, useExisting: JOB_QUEUE },
        {
          provide: NOTIFIER,
          useFactory: (logger?: Logger): Notifier | Promise<Notifier> =>
            redisUrl === null
              ? new InProcessNotifier()
              : RedisNotifier.connect({ url: redisUrl, prefix, logger }),
          inject: [LOGGER_IF_ANY],
        },
      ],
      exports: [JOB_QUEUE, QUEUE_HEALTH, NOTIFIER],
    };
  }

  /**
   * Before, not on, application shutdown: running jobs finish while the database and the other modules'
   * resources are still open, and long-polls woken by the notifier's close are answered before the HTTP
   * server stops.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.queue.close(), this.notifier.close()]);
  }
}
