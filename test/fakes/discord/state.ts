/** Everything the fake Discord knows: guilds, channels, users, members, messages, webhooks. */
export type Json = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  json?: unknown;
  multipart?: { payload_json?: unknown; files: RecordedFile[] };
}

export interface RecordedFile {
  name: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export class FakeState {
  private lastId = 0n;
  readonly guilds = new Map<string, Json>();
  readonly channels = new Map<string, Json>();
  readonly users = new Map<string, Json>();
  /** guildId -> userId -> member */
  readonly members = new Map<string, Map<string, Json>>();
  /** channelId -> messages, oldest first */
  readonly messages = new Map<string, Json[]>();
  readonly webhooks = new Map<string, Json>();
  /** CDN path (after cdnUrl) -> bytes */
  readonly cdn = new Map<string, { data: Buffer; contentType: string }>();

  /** A snowflake as Discord makes them: milliseconds since 2015 in the high bits, so IDs sort by time. */
  id(): string {
    const now = BigInt(Date.now() - 1_420_070_400_000) << 22n;
    this.lastId = now > this.lastId ? now : this.lastId + 1n;
    return String(this.lastId);
  }

  user(id: string): Json {
    return (
      this.users.get(id) ?? { id, username: `user${id}`, global_name: null, avatar: null, discriminator: '0' }
    );
  }

  member(guildId: string, userId: string): Json | undefined {
    return this.members.get(guildId)?.get(userId);
  }

  channelMessages(channelId: string): Json[] {
    let list = this.messages.get(channelId);
    if (!list) this.messages.set(channelId, (list = []));
    return list;
  }

  findMessage(channelId: string, messageId: string): Json | undefined {
    return this.channelMessages(channelId).find((m) => m.id === messageId);
  }

  /** A full Discord message object as the API returns it. */
  buildMessage(channelId: string, author: Json, content: string, extra: Json = {}): Json {
    const channel = this.channels.get(channelId);
    return {
      id: this.id(),
      channel_id: channelId,
      ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: content.includes('@everyone'),
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      ...extra,
    };
  }

  guildCreate(guildId: string): Json {
    const guild = this.guilds.get(guildId)!;
    const members = [...(this.members.get(guildId)?.values() ?? [])];
    return {
      ...guild,
      roles: [everyoneRole(guildId)],
      emojis: [],
      stickers: [],
      features: [],
      channels: [...this.channels.values()].filter((c) => c.guild_id === guildId && !isThread(c)),
      threads: [...this.channels.values()].filter((c) => c.guild_id === guildId && isThread(c)),
      members,
      member_count: members.length,
      presences: [],
      voice_states: [],
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
    };
  }
}

export function everyoneRole(guildId: string): Json {
  return {
    id: guildId,
    name: '@everyone',
    permissions: '2248473465835073',
    position: 0,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
  };
}

function isThread(c: Json): boolean {
  return c.type === 10 || c.type === 11 || c.type === 12;
}
