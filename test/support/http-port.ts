import type { CyclePort } from './scenario';

/** Drives a cycle through the HTTP API as seeded users (tokens cached per username). */
export function httpPort(
  baseUrl: string,
  cycleId: string,
  password: string,
  viewer = 'admin',
): CyclePort & { token(username: string): Promise<string> } {
  const tokens = new Map<string, string>();
  const token = async (username: string): Promise<string> => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const { token: t } = (await res.json()) as { token: string };
    tokens.set(username, t);
    return t;
  };
  const call = async (
    username: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok)
      throw Object.assign(new Error(`${method} ${path} as ${username}: ${res.status} ${JSON.stringify(json)}`), {
        status: res.status,
        body: json,
      });
    return json;
  };
  return {
    token,
    act: (username, path, body, requestId) =>
      call(
        username,
        'POST',
        `/api/cycles/${encodeURIComponent(cycleId)}${path}`,
        body,
        requestId ? { 'idempotency-key': requestId } : {},
      ) as never,
    view: () => call(viewer, 'GET', `/api/cycles/${encodeURIComponent(cycleId)}/live`) as never,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}
