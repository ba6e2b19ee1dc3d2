import { JsonObject, stateEvent, timelineEvent } from '@switchboard/protocol';
import { CreateRoomPerform, SendPerform } from '@switchboard/rooms';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { client } from './accounts-client';

export interface TestUser {
  userId: string;
  token: string;
  deviceId: string;
}

/**
 * Users over HTTP, rooms through the room server (the room endpoints live elsewhere), and /sync,
 * /messages, /context and filters over HTTP: what the sync and messages end-to-end tests share.
 */
export function syncClient(hs: TestHomeserver) {
  const api = client(hs);
  let counter = 0;

  const user = async (prefix = 'u'): Promise<TestUser> => {
    const done = await api.register(`${prefix}${++counter}${Date.now().toString(36)}`);
    return { userId: done.user_id, token: done.access_token, deviceId: done.device_id };
  };

  const createRoom = async (creator: TestUser, options: { historyVisibility?: string } = {}) => {
    const { roomId } = await hs.app.get(CreateRoomPerform).create({
      creator: creator.userId,
      roomVersion: '11',
      createContent: {},
      initialEvents: [
        stateEvent('m.room.member', creator.userId, { membership: 'join' }),
        stateEvent('m.room.power_levels', '', { users: { [creator.userId]: 100 }, invite: 0 }),
        stateEvent('m.room.join_rules', '', { join_rule: 'public' }),
        stateEvent('m.room.history_visibility', '', {
          history_visibility: options.historyVisibility ?? 'shared',
        }),
      ],
    });
    return roomId;
  };

  const sendState = (roomId: string, sender: TestUser, type: string, key: string, content: JsonObject) =>
    hs.app.get(SendPerform).send(roomId, sender.userId, stateEvent(type, key, content));

  const membership = (roomId: string, sender: TestUser, target: string, membership: string) =>
    sendState(roomId, sender, 'm.room.member', target, { membership });

  const join = (roomId: string, u: TestUser) => membership(roomId, u, u.userId, 'join');

  const say = (roomId: string, sender: TestUser, body: string) =>
    hs.app
      .get(SendPerform)
      .send(roomId, sender.userId, timelineEvent('m.room.message', { msgtype: 'm.text', body }));

  const get = async (u: TestUser, path: string, query: Record<string, string | number | boolean> = {}) => {
    const qs = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const res = await fetch(`${hs.baseUrl}${path}${qs ? `?${qs}` : ''}`, {
      headers: { authorization: `Bearer ${u.token}` },
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  const sync = async (u: TestUser, query: Record<string, string | number | boolean> = {}) => {
    const res = await get(u, '/_matrix/client/v3/sync', query);
    if (res.status !== 200) throw new Error(`sync failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const messages = (u: TestUser, roomId: string, query: Record<string, string | number | boolean> = {}) =>
    get(u, `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages`, query);

  return { api, user, createRoom, sendState, membership, join, say, get, sync, messages };
}

/** The event IDs of a list of client events. */
export function ids(events: Json[] | undefined): string[] {
  return (events ?? []).map((e: Json) => e.event_id);
}
