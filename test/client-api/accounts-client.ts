import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';

/** A small Matrix client over fetch for the accounts end-to-end tests. */
export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export function client(hs: TestHomeserver) {
  const call = async (method: string, path: string, body?: unknown, token?: string): Promise<Reply> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${hs.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  };

  /** Registers through the m.login.dummy flow: the first request gets the session, the second completes it. */
  const register = async (
    username: string,
    password = 'correct horse',
    extra: Record<string, unknown> = {},
  ) => {
    const first = await call('POST', '/_matrix/client/v3/register', { username, password, ...extra });
    if (first.status !== 401)
      throw new Error(`expected a UIA challenge, got ${first.status} ${JSON.stringify(first.body)}`);
    const done = await call('POST', '/_matrix/client/v3/register', {
      username,
      password,
      ...extra,
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    if (done.status !== 200)
      throw new Error(`registration failed: ${done.status} ${JSON.stringify(done.body)}`);
    return done.body as { user_id: string; access_token: string; device_id: string; refresh_token?: string };
  };

  const login = async (user: string, password: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user },
      password,
      ...extra,
    });

  return { call, register, login };
}
