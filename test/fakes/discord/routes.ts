import type { FakeGateway } from './gateway';
import type { RestRouter, Reply } from './rest';
import type { FakeState, Json, RecordedFile } from './state';

export interface RouteDeps {
  state: FakeState;
  gateway: FakeGateway;
  botUser: Json;
  wsUrl: () => string;
  cdnUrl: () => string;
}

const notFound = (what: string): Reply => ({
  status: 404,
  body: { code: 10003, message: `Unknown ${what}` },
});

/** Stores uploaded files on the fake CDN and returns Discord attachment objects for them. */
export function storeAttachments(
  deps: RouteDeps,
  channelId: string,
  files: RecordedFile[],
  meta: Json[] = [],
): Json[] {
  return files.map((file, index) => {
    const id = deps.state.id();
    const path = `/attachments/${channelId}/${id}/${file.filename}`;
    deps.state.cdn.set(path, { data: file.data, contentType: file.contentType });
    const described = meta.find((a) => String(a.id) === String(index)) ?? {};
    return {
      id,
      filename: file.filename,
      size: file.data.length,
      content_type: file.contentType,
      url: `${deps.cdnUrl()}${path}`,
      proxy_url: `${deps.cdnUrl()}${path}`,
      ...(described.description ? { description: described.description } : {}),
    };
  });
}

/** Registers every REST route the fake serves. */
export function registerRoutes(router: RestRouter, deps: RouteDeps): void {
  const { state, gateway } = deps;
  const channel = (id: string): Json | undefined => state.channels.get(id);

  const createMessage = (
    channelId: string,
    author: Json,
    body: Json,
    files: RecordedFile[],
    extra: Json = {},
  ): Json => {
    const message = state.buildMessage(channelId, author, String(body.content ?? ''), {
      embeds: body.embeds ?? [],
      attachments: storeAttachments(deps, channelId, files, (body.attachments as Json[]) ?? []),
      ...(body.message_reference ? { message_reference: body.message_reference, type: 19 } : {}),
      ...extra,
    });
    state.channelMessages(channelId).push(message);
    gateway.dispatch('MESSAGE_CREATE', message);
    return message;
  };

  const editMessage = (message: Json, body: Json): Json => {
    for (const key of ['content', 'embeds', 'components'] as const) if (key in body) message[key] = body[key];
    message.edited_timestamp = new Date().toISOString();
    gateway.dispatch('MESSAGE_UPDATE', message);
    return message;
  };

  const deleteMessage = (channelId: string, messageId: string): Reply => {
    const list = state.channelMessages(channelId);
    const index = list.findIndex((m) => m.id === messageId);
    if (index < 0) return notFound('Message');
    const [gone] = list.splice(index, 1);
    gateway.dispatch('MESSAGE_DELETE', { id: messageId, channel_id: channelId, guild_id: gone.guild_id });
    return { status: 204 };
  };

  router.add('GET', '/gateway/bot', () => ({
    body: {
      url: deps.wsUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    },
  }));
  router.add('GET', '/gateway', () => ({ body: { url: deps.wsUrl() } }));
  router.add('GET', '/users/@me', () => ({ body: deps.botUser }));
  router.add('GET', '/users/{id}', ({ params: [id] }) =>
    state.users.has(id) ? { body: state.users.get(id) } : notFound('User'),
  );
  router.add('GET', '/guilds/{id}', ({ params: [id] }) =>
    state.guilds.has(id) ? { body: state.guildCreate(id) } : notFound('Guild'),
  );
  router.add('GET', '/guilds/{g}/members/{u}', ({ params: [g, u] }) => {
    const member = state.member(g, u);
    return member ? { body: member } : notFound('Member');
  });
  router.add('GET', '/channels/{id}', ({ params: [id] }) => {
    const found = channel(id);
    return found ? { body: found } : notFound('Channel');
  });
  router.add('GET', '/channels/{id}/messages', ({ params: [id], query }) => {
    if (!channel(id)) return notFound('Channel');
    const limit = Number(query.get('limit') ?? 50);
    const after = query.get('after');
    const before = query.get('before');
    let list = state.channelMessages(id);
    if (after) list = list.filter((m) => BigInt(String(m.id)) > BigInt(after));
    if (before) list = list.filter((m) => BigInt(String(m.id)) < BigInt(before));
    // Discord returns newest first; with `after` it returns the oldest `limit` after the cursor.
    const window = after ? list.slice(0, limit) : list.slice(-limit);
    return { body: [...window].reverse() };
  });
  router.add('GET', '/channels/{c}/messages/{m}', ({ params: [c, m] }) => {
    const found = state.findMessage(c, m);
    return found ? { body: found } : notFound('Message');
  });
  router.add('POST', '/channels/{id}/messages', ({ params: [id], body, files }) => {
    if (!channel(id)) return notFound('Channel');
    return { body: createMessage(id, deps.botUser, body, files) };
  });
  router.add('PATCH', '/channels/{c}/messages/{m}', ({ params: [c, m], body }) => {
    const found = state.findMessage(c, m);
    return found ? { body: editMessage(found, body) } : notFound('Message');
  });
  router.add('DELETE', '/channels/{c}/messages/{m}', ({ params: [c, m] }) => deleteMessage(c, m));
  const reaction = (type: string) =>
    router.add(
      type === 'add' ? 'PUT' : 'DELETE',
      '/channels/{c}/messages/{m}/reactions/{e}/@me',
      ({ params: [c, m, e] }) => {
        const found = state.findMessage(c, m);
        if (!found) return notFound('Message');
        gateway.dispatch(type === 'add' ? 'MESSAGE_REACTION_ADD' : 'MESSAGE_REACTION_REMOVE', {
          user_id: deps.botUser.id,
          channel_id: c,
          message_id: m,
          guild_id: found.guild_id,
          emoji: parseEmoji(e),
        });
        return { status: 204 };
      },
    );
  reaction('add');
  reaction('remove');
  router.add('POST', '/channels/{id}/typing', () => ({ status: 204 }));
  router.add('GET', '/channels/{id}/webhooks', ({ params: [id] }) => ({
    body: [...state.webhooks.values()].filter((w) => w.channel_id === id),
  }));
  router.add('POST', '/channels/{id}/webhooks', ({ params: [id], body }) => {
    const found = channel(id);
    if (!found) return notFound('Channel');
    const webhook: Json = {
      id: state.id(),
      type: 1,
      token: `wh-token-${state.id()}`,
      channel_id: id,
      guild_id: found.guild_id,
      name: body.name ?? 'webhook',
      avatar: null,
      application_id: null,
      user: deps.botUser,
    };
    state.webhooks.set(String(webhook.id), webhook);
    return { body: webhook };
  });
  router.add('POST', '/webhooks/{id}/{token}', ({ params: [id, token], body, files, query }) => {
    const webhook = state.webhooks.get(id);
    if (!webhook || webhook.token !== token) return notFound('Webhook');
    const target = query.get('thread_id') ?? String(webhook.channel_id);
    const author = {
      id,
      username: body.username ?? webhook.name,
      avatar: body.avatar_url ?? null,
      discriminator: '0000',
      bot: true,
    };
    const message = createMessage(target, author, body, files, { webhook_id: id });
    return query.get('wait') === 'true' ? { body: message } : { status: 204 };
  });
  const webhookMessage = (id: string, token: string, mid: string): Json | undefined => {
    const webhook = state.webhooks.get(id);
    if (!webhook || webhook.token !== token) return undefined;
    for (const list of state.messages.values()) {
      const found = list.find((m) => m.id === mid && m.webhook_id === id);
      if (found) return found;
    }
    return undefined;
  };
  router.add('GET', '/webhooks/{id}/{token}/messages/{m}', ({ params: [id, token, m] }) => {
    const found = webhookMessage(id, token, m);
    return found ? { body: found } : notFound('Message');
  });
  router.add('PATCH', '/webhooks/{id}/{token}/messages/{m}', ({ params: [id, token, m], body }) => {
    const found = webhookMessage(id, token, m);
    return found ? { body: editMessage(found, body) } : notFound('Message');
  });
  router.add('DELETE', '/webhooks/{id}/{token}/messages/{m}', ({ params: [id, token, m] }) => {
    const found = webhookMessage(id, token, m);
    return found ? deleteMessage(String(found.channel_id), m) : notFound('Message');
  });
  router.add('POST', '/users/@me/channels', ({ body }) => {
    const recipient = state.user(String(body.recipient_id));
    const existing = [...state.channels.values()].find(
      (c) => c.type === 1 && (c.recipients as Json[])[0].id === recipient.id,
    );
    if (existing) return { body: existing };
    const dm: Json = { id: state.id(), type: 1, recipients: [recipient], last_message_id: null };
    state.channels.set(String(dm.id), dm);
    return { body: dm };
  });
  router.add('POST', '/channels/{c}/messages/{m}/threads', ({ params: [c, m], body }) => {
    const parent = channel(c);
    if (!parent || !state.findMessage(c, m)) return notFound('Message');
    // A thread started from a message shares that message's id.
    const thread: Json = {
      id: m,
      type: 11,
      guild_id: parent.guild_id,
      parent_id: c,
      name: body.name,
      owner_id: deps.botUser.id,
      thread_metadata: {
        archived: false,
        auto_archive_duration: body.auto_archive_duration ?? 1440,
        locked: false,
      },
      message_count: 0,
      member_count: 1,
    };
    state.channels.set(m, thread);
    gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return { status: 201, body: thread };
  });
}

/** `name:id` (custom) or a unicode emoji, as the reaction route encodes it. */
export function parseEmoji(encoded: string): Json {
  const custom = /^(.+):(\d+)$/.exec(encoded);
  return custom ? { name: custom[1], id: custom[2] } : { name: encoded, id: null };
}
