import 'reflect-metadata';
import { createLogger } from '@switchboard/observability';
import { configFromArgs, exitOnStartupError } from './startup';
import { startHomeserver } from './start-homeserver';

/** `npm start [-- --config PATH]`: the homeserver process. */
async function main(): Promise<void> {
  const config = configFromArgs(process.argv.slice(2));
  const logger = createLogger(config.log_level);
  const server = await startHomeserver(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch(exitOnStartupError);
