/** What every benchmark's simulated client does: JSON requests, registration, percentiles. */
export type Json = Record<string, unknown>;

export async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Registers through the dummy UIA stage, as a client does on an open server. */
export async function register(base: string, name: string): Promise<{ token: string; userId: string }> {
  const first = await fetch(`${base}/_matrix/client/v3/register`, {
    method: 'POST',
    body: JSON.stringify({ username: name, password: 'bench-pw' }),
    headers: { 'content-type': 'application/json' },
  });
  const { session } = (await first.json()) as { session: string };
  const done = await call(base, 'POST', '/_matrix/client/v3/register', undefined, {
    username: name,
    password: 'bench-pw',
    auth: { type: 'm.login.dummy', session },
  });
  return { token: done.access_token as string, userId: done.user_id as string };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
