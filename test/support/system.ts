/**
 * The whole real system for an API test (seeded SQLite, Temporal dev server, worker, Express on
 * 127.0.0.1:0; see real-system.ts) plus what every such test needs: logging in as a seeded user
 * and calling the API as that user.
 *
 *   const sys = await startSystem();
 *   const token = await sys.login('ct.ca');
 *   const res = await sys.call('POST', `/api/cycles/${id}/pledges`, { as: 'ct.tand', body, key });
 *   await sys.stop();
 */
import type { Db } from '../../db';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ActivityDeps } from '../../activities/create-activities';
import { TEST_PASSWORD } from './db';
import { startRealSystem, type RealSystem } from './real-system';

export interface CallOptions {
  /** Seeded username to call as; omitted = anonymous. */
  as?: string;
  /** A bearer token to use instead of logging in (`as` wins when both are given). */
  token?: string;
  body?: unknown;
  /** Sent as Idempotency-Key. */
  key?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface System {
  base: string;
  db: Db;
  env: TestWorkflowEnvironment;
  real: RealSystem;
  /** Bearer token of a seeded user (cached per username). */
  login(username: string): Promise<string>;
  /** One HTTP call; never throws on an error status. */
  call<T = any>(method: string, path: string, opts?: CallOptions): Promise<CallResult<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

export async function startSystem(
  opts: { env?: Record<string, string>; activities?: Partial<ActivityDeps>; db?: Db } = {},
): Promise<System> {
  const real = await startRealSystem(opts);
  const tokens = new Map<string, string>();
  const login = async (username: string): Promise<string> => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await fetch(`${real.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    tokens.set(username, token);
    return token;
  };
  const call = async (method: string, path: string, o: CallOptions = {}) => {
    const token = o.as ? await login(o.as) : o.token;
    const headers: Record<string, string> = {
      ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(o.key ? { 'idempotency-key': o.key } : {}),
      ...o.headers,
    };
    const res = await fetch(`${real.base}${path}`, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as never, headers: res.headers };
  };
  return { base: real.base, db: real.db, env: real.env, real, login, call, stop: () => real.stop() };
}

/**
 * The real system for all tests of one file: started before them, stopped after. The object
 * returned forwards to it, so tests write `sys.call(…)` as with a started system.
 */
export function systemForThisFile(opts: Parameters<typeof startSystem>[0] = {}): System {
  let started: System | undefined;
  beforeAll(async () => {
    started = await startSystem(opts);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as System, {
    get(_target, prop) {
      if (!started) throw new Error('the system starts in beforeAll: use it inside a test');
      return Reflect.get(started, prop);
    },
  });
}
