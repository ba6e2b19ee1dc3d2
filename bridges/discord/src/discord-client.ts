import { readFile } from 'node:fs/promises';
import { Client, DiscordAPIError, Events, GatewayIntentBits, Partials, RateLimitData } from 'discord.js';
import type { BridgeKit } from '@switchboard/bridge-kit';
import type { DiscordNetworkConfig } from './config.schema';

/** Waits above this are not slept through inside a queue job: the kit retries later instead. */
const MAX_INLINE_RATE_LIMIT_MS = 10_000;
const LOGIN_BACKOFF = { baseMs: 2_000, maxMs: 300_000 };

/** The configured token source is empty or unreadable. */
class TokenSourceError extends Error {}

export async function readToken(cfg: DiscordNetworkConfig): Promise<string> {
  if (cfg.token !== undefined) return cfg.token;
  if (cfg.token_file !== undefined) {
    const text = await readFile(cfg.token_file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new TokenSourceError(`cannot read token_file ${cfg.token_file}: ${error.code ?? error.message}`);
    });
    if (!text.trim()) throw new TokenSourceError(`token_file ${cfg.token_file} is empty`);
    return text.trim();
  }
  const value = cfg.token_env === undefined ? undefined : process.env[cfg.token_env];
  if (!value?.trim()) throw new TokenSourceError(`environment variable ${cfg.token_env} is not set`);
  return value.trim();
}

export function newDiscordClient(cfg: DiscordNetworkConfig): Client {
  return new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.GuildMessageTyping,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.DirectMessageReactions,
      GatewayIntentBits.DirectMessageTyping,
      GatewayIntentBits.GuildMembers,
    ],
    // DM channels are never cached before their first event, and edits/deletes/reactions may
    // concern messages from before this process started: without partials discord.js drops them.
    partials: [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User, Partials.GuildMember],
    rest: {
      api: cfg.api_base_url,
      cdn: cfg.cdn_url,
      // discord.js retries 5xx and network errors at once this many times; what is left reaches the
      // kit's queue, which retries with backoff.
      retries: 4,
      timeout: 15_000,
      // 429s with a short retry_after are waited out by discord.js; long ones reject so the job
      // frees its chat and the kit retries after the delay (see toBridgeError).
      rejectOnRateLimit: (data: RateLimitData) =>
        Math.max(data.timeToReset, data.retryAfter) > MAX_INLINE_RATE_LIMIT_MS,
    },
  });
}

export function isBadToken(error: unknown): boolean {
  if (error instanceof TokenSourceError) return true;
  if (error instanceof DiscordAPIError) return error.status === 401;
  return (
    error instanceof Error &&
    /TokenInvalid|invalid token/i.test(`${(error as { code?: string }).code} ${error.message}`)
  );
}

/**
 * Keeps one logged-in discord.js Client: reports the state to the kit, and on a failed login
 * (bad token, Discord unreachable) tries again with capped exponential backoff, forever.
 * discord.js itself resumes/reconnects the gateway after a disconnect.
 */
export class DiscordSession {
  private client: Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private readyWaiters: Array<() => void> = [];

  constructor(
    private readonly cfg: DiscordNetworkConfig,
    private readonly kit: BridgeKit,
    /** Registers the bridge's event handlers on each new client. */
    private readonly attach: (client: Client) => void,
    /** Called on each (re)established gateway session, after READY. */
    private readonly onReady: (client: Client) => void,
  ) {}

  get current(): Client | null {
    return this.client?.isReady() ? this.client : null;
  }

  /** The ready client; throws (so the queue retries) while Discord is not connected. */
  ready(): Client<true> {
    const client = this.client;
    if (!client?.isReady()) throw new Error('Discord is not connected');
    return client;
  }

  /** Resolves when connected or after timeoutMs, whichever comes first. */
  waitReady(timeoutMs: number): Promise<void> {
    if (this.current) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
      this.readyWaiters.push(waiter);
    });
  }

  start(): void {
    this.kit.reportState('CONNECTING');
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.destroy();
    this.kit.reportState('STOPPED');
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = newDiscordClient(this.cfg);
    this.client = client;
    this.attach(client);
    client.on(Events.ClientReady, () => this.connected(client));
    client.on(Events.ShardReady, () => {
      // ClientReady fires only once per client; later READYs are new sessions after a failed resume.
      if (client.isReady()) this.connected(client);
    });
    client.on(Events.ShardResume, () => this.kit.reportState('CONNECTED'));
    client.on(Events.ShardDisconnect, (event) =>
      this.kit.reportState('TRANSIENT_DISCONNECT', `gateway closed (${event.code})`),
    );
    client.on(Events.ShardReconnecting, () =>
      this.kit.reportState('TRANSIENT_DISCONNECT', 'reconnecting to the gateway'),
    );
    client.on(Events.Error, (error) => this.kit.log.warn({ err: error.message }, 'discord client error'));
    try {
      const token = await readToken(this.cfg);
      await client.login(token);
      this.attempt = 0;
    } catch (error) {
      if (this.client === client) this.client = null;
      await client.destroy().catch(() => undefined);
      if (this.stopped) return;
      const message = error instanceof Error ? error.message : String(error);
      if (isBadToken(error))
        this.kit.reportState('BAD_CREDENTIALS', `Discord rejected the bot token: ${message}`);
      else this.kit.reportState('TRANSIENT_DISCONNECT', `cannot connect to Discord: ${message}`);
      const delay = Math.min(LOGIN_BACKOFF.maxMs, LOGIN_BACKOFF.baseMs * 2 ** this.attempt++);
      this.kit.log.warn({ err: message, retryInMs: delay }, 'discord login failed');
      this.retryTimer = setTimeout(() => void this.connect(), delay);
    }
  }

  private connected(client: Client): void {
    if (this.client !== client || this.stopped) return;
    this.kit.reportState('CONNECTED');
    for (const waiter of this.readyWaiters.splice(0)) waiter();
    this.onReady(client);
  }
}
