import pino, { Logger, LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/**
 * The one logger. JSON lines on stdout; fields (room_id, event_id, destination, reqId) go in the
 * object argument, never into the message, so logs stay queryable.
 */
export function createLogger(level: LevelWithSilent = 'info', name = 'switchboard'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
