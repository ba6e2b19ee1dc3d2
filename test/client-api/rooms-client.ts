import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client, Reply } from './accounts-client';

/** A registered user of the rooms end-to-end tests, with calls made under their access token. */
export interface TestUser {
  id: string;
  token: string;
  deviceId: string;
  call(method: string, path: string, body?: unknown): Promise<Reply>;
}

export const v3 = '/_matrix/client/v3';

/** `/_matrix/client/v3/rooms/{roomId}` with the ID escaped. */
export function room(roomId: string): string {
  return `${v3}/rooms/${encodeURIComponent(roomId)}`;
}

export function roomsClient(hs: TestHomeserver) {
  const api = client(hs);
  let n = 0;

  const user = async (name: string): Promise<TestUser> => {
    n += 1;
    const r = await api.register(`${name}${n}`);
    return {
      id: r.user_id,
      token: r.access_token,
      deviceId: r.device_id,
      call: (method, path, body) => api.call(method, path, body, r.access_token),
    };
  };

  /** POST /createRoom; fails the test unless it is 200. */
  const createRoom = async (creator: TestUser, body: Record<string, unknown> = {}): Promise<string> => {
    const res = await creator.call('POST', `${v3}/createRoom`, body);
    if (res.status !== 200) throw new Error(`createRoom: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.room_id as string;
  };

  /** The current state of a room as its member reads it: [type, state_key] → event. */
  const state = async (member: TestUser, roomId: string) => {
    const res = await member.call('GET', `${room(roomId)}/state`);
    if (res.status !== 200) throw new Error(`state: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as unknown as {
      type: string;
      state_key: string;
      content: Record<string, unknown>;
      event_id: string;
      sender: string;
    }[];
  };

  return { ...api, user, createRoom, state };
}

export function expectError(res: Reply, status: number, errcode: string): void {
  expect({ status: res.status, errcode: res.body.errcode }).toEqual({ status, errcode });
}
