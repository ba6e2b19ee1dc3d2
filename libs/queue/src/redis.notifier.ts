import IORedis from 'ioredis';
import type { Logger } from '@switchboard/observability';
import { errorMessage } from './queue.port';
import { InProcessNotifier } from './in-process.notifier';
import { releaseConnection } from './redis.connection';
import { Notifier } from './notifier.port';

export interface RedisNotifierOptions {
  url: string;
  prefix: string;
  logger?: Logger;
}

/** KEYS: positions hash. ARGV: stream, position, channel. Only a move forward is stored and announced. */
const PUBLISH_LUA = `
local position = tonumber(ARGV[2])
if position <= tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[2] .. ' ' .. ARGV[1])
return 1`;

/**
 * The notifier across processes. Positions live in a Redis hash (so a process that starts late, or missed
 * messages while disconnected, reads where every stream is) and each advance is announced on one pub/sub
 * channel that every process follows with a single subscriber connection; waits are local, in an
 * InProcessNotifier that the messages move forward. A position is served from memory only while the
 * subscription has been live since it was read; otherwise it is read from Redis again.
 */
export class RedisNotifier implements Notifier {
  private readonly local = new InProcessNotifier();
  private readonly client: IORedis;
  private readonly subscriber: IORedis;
  private readonly positionsKey: string;
  private readonly channel: string;
  /** Streams whose local position has followed the channel since it was read from Redis. */
  private readonly followed = new Set<string>();
  private subscribed = false;
  /** Counts subscriptions, so a read that straddled a reconnect is not taken as followed. */
  private subscriptions = 0;
  private closed = false;

  /** Resolves when the first subscription is live, so no message published after connect() is missed. */
  private readonly firstSubscription: Promise<void>;

  /** Connects and subscribes; fails when Redis does not answer within `timeoutMs`. */
  static async connect(options: RedisNotifierOptions, timeoutMs = 10_000): Promise<RedisNotifier> {
    const notifier = new RedisNotifier(options);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`notifier: Redis did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([notifier.firstSubscription, timeout]);
      return notifier;
    } catch (error) {
      await notifier.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private constructor(private readonly options: RedisNotifierOptions) {
    this.positionsKey = `${options.prefix}:notifier:positions`;
    this.channel = `${options.prefix}:notifier`;
    // ioredis waits disconnectTimeout for a socket to close, even one that never opened (Redis down at start).
    this.client = new IORedis(options.url, { disconnectTimeout: 100 });
    // We subscribe on every 'ready' ourselves rather than let ioredis do it, to know when it took effect.
    this.subscriber = new IORedis(options.url, { autoResubscribe: false, disconnectTimeout: 100 });
    for (const connection of [this.client, this.subscriber]) {
      connection.on('error', (error: Error) =>
        options.logger?.warn({ err: error.message }, 'notifier redis error'),
      );
    }
    this.subscriber.on('message', (_channel: string, message: string) => {
      const space = message.indexOf(' ');
      this.local.advance(message.slice(space + 1), Number(message.slice(0, space)));
    });
    this.subscriber.on('close', () => {
      this.subscribed = false;
      this.followed.clear();
    });
    this.firstSubscription = new Promise((resolve, reject) => {
      this.subscriber.on('ready', () => {
        this.subscriber.subscribe(this.channel).then(
          () => {
            this.subscribed = true;
            this.subscriptions++;
            resolve();
          },
          (error: unknown) => {
            options.logger?.error({ err: errorMessage(error) }, 'notifier subscribe failed');
            reject(error instanceof Error ? error : new Error(errorMessage(error)));
          },
        );
      });
    });
  }

  async publish(stream: string, position: number): Promise<void> {
    await this.client.eval(PUBLISH_LUA, 1, this.positionsKey, stream, String(position), this.channel);
    // Our own waiters need not wait for the message to come back.
    this.local.advance(stream, position);
  }

  async waitFor(
    stream: string,
    afterPosition: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<number> {
    const now = await this.latest(stream);
    if (now > afterPosition) return now;
    await this.local.wait(stream, afterPosition, timeoutMs, signal);
    // A wake-up missed while disconnected is caught here: latest() then reads Redis.
    return this.latest(stream);
  }

  async latest(stream: string): Promise<number> {
    if (this.closed || (this.subscribed && this.followed.has(stream))) return this.local.current(stream);
    const subscription = this.subscribed ? this.subscriptions : -1;
    try {
      const stored = await this.client.hget(this.positionsKey, stream);
      const position = this.local.advance(stream, Number(stored ?? 0));
      if (this.subscribed && this.subscriptions === subscription) this.followed.add(stream);
      return position;
    } catch (error) {
      this.options.logger?.warn({ stream, err: errorMessage(error) }, 'notifier position read failed');
      return this.local.current(stream);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.local.close();
    await Promise.all([releaseConnection(this.subscriber), releaseConnection(this.client)]);
  }
}
