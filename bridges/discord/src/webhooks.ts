import { Client, RESTJSONErrorCodes, Routes, type APIWebhook } from 'discord.js';
import { discordCall, isDiscordCode } from './errors';

export interface WebhookRef {
  id: string;
  token: string;
}

/**
 * One webhook per channel, named by the config, through which Matrix users' messages are relayed
 * with their own name and avatar. Found (one the bot made earlier) or created on first use, then
 * cached. Its ID is how the bridge recognises its own messages coming back over the gateway.
 */
export class WebhookCache {
  private readonly byChannel = new Map<string, Promise<WebhookRef>>();
  private readonly ours = new Set<string>();

  constructor(private readonly name: string) {}

  /** True for messages the bridge's webhooks posted (also ones from before a restart). */
  isOurs(client: Client, webhookId: string, applicationId: string | null): boolean {
    if (this.ours.has(webhookId)) return true;
    return applicationId !== null && applicationId === client.application?.id;
  }

  get(client: Client<true>, channelId: string): Promise<WebhookRef> {
    let ref = this.byChannel.get(channelId);
    if (!ref) {
      ref = this.findOrCreate(client, channelId);
      this.byChannel.set(channelId, ref);
      ref.catch(() => this.byChannel.delete(channelId));
    }
    return ref;
  }

  /**
   * Runs a call with the channel's webhook; if Discord says the webhook is gone (someone deleted
   * it), makes a new one and tries once more.
   */
  async with<T>(client: Client<true>, channelId: string, call: (hook: WebhookRef) => Promise<T>): Promise<T> {
    const hook = await this.get(client, channelId);
    try {
      return await call(hook);
    } catch (error) {
      if (!isDiscordCode(error, RESTJSONErrorCodes.UnknownWebhook)) throw error;
      this.byChannel.delete(channelId);
      return call(await this.get(client, channelId));
    }
  }

  private async findOrCreate(client: Client<true>, channelId: string): Promise<WebhookRef> {
    const existing = (await discordCall(() =>
      client.rest.get(Routes.channelWebhooks(channelId)),
    )) as APIWebhook[];
    const mine = existing.find(
      (w) =>
        w.name === this.name &&
        w.token !== undefined &&
        (w.user?.id === client.user.id ||
          (w.application_id != null && w.application_id === client.application.id)),
    );
    const hook =
      mine ??
      ((await discordCall(() =>
        client.rest.post(Routes.channelWebhooks(channelId), { body: { name: this.name } }),
      )) as APIWebhook);
    if (!hook.token) throw new Error(`Discord returned webhook ${hook.id} without a token`);
    this.ours.add(hook.id);
    return { id: hook.id, token: hook.token };
  }
}
