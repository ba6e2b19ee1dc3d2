import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, createMetricsRegistry, NestPinoLogger } from '@switchboard/observability';
import { JOB_QUEUE, JobQueue } from '@switchboard/queue';
import { configFromArgs, exitOnStartupError } from '../../homeserver/src/startup';
import { WorkerModule } from './worker.module';

/** `npm run start:worker [-- --config PATH]`: consumes the queues; serves no HTTP. */
async function main(): Promise<void> {
  const config = configFromArgs(process.argv.slice(2));
  const logger = createLogger(config.log_level, 'switchboard-worker');
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, logger, createMetricsRegistry()),
    { logger: new NestPinoLogger(logger), abortOnError: false },
  );
  await app.get<JobQueue>(JOB_QUEUE).start();
  logger.info({ server_name: config.server_name }, 'worker consuming queues');
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch(exitOnStartupError);
