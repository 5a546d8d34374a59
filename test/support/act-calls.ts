/**
 * What the API security tests (test/api/authz, idempotency, secrecy) share: sending an act over
 * HTTP, checking the error envelope, forged tokens, a driver for runEveryActYear with hooks around
 * each act, and a raw dump of the SQLite database.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ACTS } from '../../api/routes/acts';
import type { EveryActDriver } from './every-act';
import type { CallOptions, CallResult, System } from './system';

export const actUrl = (cycleId: string, path: string) => `/api/cycles/${encodeURIComponent(cycleId)}${path}`;
export const startUrl = (blocId: string) => `/api/blocs/${encodeURIComponent(blocId)}/cycles`;

/** The ACTS row of a path (its scope: who may do it). */
export function actRoute(path: string) {
  const route = ACTS.find((a) => a.path === path);
  if (!route) throw new Error(`no act ${path}`);
  return route;
}

/** Acts that never write an audit row (secret ballots); every other act writes exactly one per request id. */
export const UNAUDITED_ACTS = ['/ballots', '/council/votes'];

/**
 * Asserts an error answer: the status and the envelope {error:{status, code, message}}. The context
 * (who, what) is part of the compared object so that a failure names the request.
 */
export function expectError(res: CallResult, status: number, code: string | undefined, context: string): void {
  const body = res.body as { error?: { status?: unknown; code?: unknown; message?: unknown } } | null;
  const got = {
    context,
    status: res.status,
    envelopeStatus: body?.error?.status,
    code: body?.error?.code,
    message: typeof body?.error?.message,
  };
  const want = { context, status, envelopeStatus: status, code: code ?? body?.error?.code, message: 'string' };
  if (JSON.stringify(got) !== JSON.stringify(want))
    throw new Error(`expected ${status} ${code ?? ''} for ${context}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/** Asserts a 2xx answer, naming the request on failure. */
export function expectStatus(res: CallResult, status: number, context: string): void {
  if (res.status !== status)
    throw new Error(`expected ${status} for ${context}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Bearer tokens that must all be refused with 401: for a real person (`username`), a token whose
 * payload was changed to another person (signature kept), one that expired, one signed with
 * another secret, an unsigned one (alg none), and plain garbage.
 */
export async function forgedTokens(
  sys: System,
  username: string,
  otherUsername: string,
): Promise<Record<string, string>> {
  const secret = sys.real.config.JWT_SECRET!;
  const [me, other] = await Promise.all(
    [username, otherUsername].map((u) =>
      sys.db.prisma.person.findUniqueOrThrow({ where: { username: u }, select: { id: true } }),
    ),
  );
  const real = await sys.login(username);
  const [header, , signature] = real.split('.');
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return {
    tampered: `${header}.${b64({ sub: other!.id, iss: 'thidua', iat: now, exp: now + 3600 })}.${signature}`,
    expired: jwt.sign({ sub: me!.id, iat: now - 7200, exp: now - 60 }, secret, {
      algorithm: 'HS256',
      issuer: 'thidua',
    }),
    otherSecret: jwt.sign({ sub: me!.id }, `${secret}x`, { algorithm: 'HS256', issuer: 'thidua', expiresIn: 3600 }),
    otherIssuer: jwt.sign({ sub: me!.id }, secret, { algorithm: 'HS256', issuer: 'someone-else', expiresIn: 3600 }),
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: me!.id, iss: 'thidua', iat: now, exp: now + 3600 })}.`,
    garbage: 'not-a-jwt',
  };
}

/** One act as it is about to be sent by runEveryActYear. */
export interface ActCall {
  user: string;
  cycleId: string;
  path: string;
  body: Record<string, unknown>;
  /** 0, 1, 2… in the order of the year. */
  seq: number;
}

export interface DriverHooks {
  /** Before the start request (e.g. try it as everyone else). */
  beforeStart?(user: string, blocId: string, body: Record<string, unknown>): Promise<void>;
  /** Sends the start request; default: once with a fresh key. Must return the 201 answer. */
  sendStart?(user: string, blocId: string, body: Record<string, unknown>): Promise<CallResult>;
  beforeAct?(call: ActCall): Promise<void>;
  /** Sends the act; default: once with a fresh key. Must return the 200 answer. */
  send?(call: ActCall): Promise<CallResult>;
  afterAct?(call: ActCall, res: CallResult): Promise<void>;
}

/** Sends one act as `as` (a username, or anonymous / a token through opts). */
export const sendAct = (
  sys: System,
  cycleId: string,
  path: string,
  body: Record<string, unknown>,
  opts: CallOptions = {},
) => sys.call('POST', actUrl(cycleId, path), { key: randomUUID(), ...opts, body });

/** A driver for runEveryActYear that calls the hooks around each act (plainDriver when none are given). */
export function hookedDriver(sys: System, hooks: DriverHooks = {}): EveryActDriver {
  let seq = 0;
  return {
    async start(user, blocId, body) {
      await hooks.beforeStart?.(user, blocId, body);
      const res = hooks.sendStart
        ? await hooks.sendStart(user, blocId, body)
        : await sys.call('POST', startUrl(blocId), { as: user, body, key: randomUUID() });
      expectStatus(res, 201, `start as ${user}`);
      return (res.body as { cycleId: string }).cycleId;
    },
    async act(user, cycleId, path, body) {
      const call: ActCall = { user, cycleId, path, body, seq: seq++ };
      await hooks.beforeAct?.(call);
      const res = hooks.send ? await hooks.send(call) : await sendAct(sys, cycleId, path, body, { as: user });
      expectStatus(res, 200, `${path} as ${user}`);
      await hooks.afterAct?.(call, res);
      return res.body;
    },
  };
}

/** Every row of every table of the (SQLite) test database, as plain JSON-able objects. */
export async function dumpDatabase(sys: System): Promise<Record<string, Record<string, unknown>[]>> {
  const { prisma } = sys.db;
  const tables = await prisma.$queryRawUnsafe<{ name: string; sql: string }[]>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_%'",
  );
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const { name, sql } of tables) {
    // The hidden rowid (insertion order) too, where the table has one.
    const rowid = /WITHOUT\s+ROWID/i.test(sql) ? '' : 'rowid AS "__rowid", ';
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${rowid}* FROM "${name}"`);
    out[name] = rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v,
        ]),
      ),
    );
  }
  return out;
}
