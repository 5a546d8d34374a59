/**
 * The front door's hardening, over real HTTP against the real app on a migrated, seeded SQLite file
 * (no act reaches a workflow here, so the app's Temporal client is a lazy one that never connects):
 *   - login throttling per username and per IP with a doubling lock (429 + Retry-After), on an
 *     injected clock (no timed test), and the bound on concurrent scrypt work;
 *   - bearer tokens revoked when the password changes;
 *   - a client's x-request-id kept only when it is a plain token;
 *   - Idempotency-Key fingerprints: an HMAC under a server secret (stable across restarts), never
 *     over passwords; keys expire after 24 h.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';
import pino from 'pino';
import { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { LoginBusyError, LoginGuard } from '../../api/security/login-guard';
import { bodyHash, IDEMPOTENCY_KEY_TTL_MS } from '../../api/writes';
import { loadConfig } from '../../config';
import type { Db } from '../../db';
import { seededSqlite, TEST_PASSWORD } from '../support/db';

jest.setTimeout(60_000);

let db: Db;
let cleanup: () => Promise<void>;
const servers: Server[] = [];
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'j'.repeat(40),
  RATE_LIMIT_PER_MINUTE: '100000',
});
let clock = Date.parse('2026-12-01T08:00:00Z');
const guard = new LoginGuard({ now: () => clock, freeFailuresPerUser: 5, freeFailuresPerIp: 40 });
let base: string;

async function serve(loginGuard: LoginGuard): Promise<string> {
  const app = createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    loginGuard,
    temporal: { client: new Client(), taskQueue: 'unused', namespace: 'default' },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  ({ db, cleanup } = await seededSqlite());
  base = await serve(guard);
});

afterAll(async () => {
  for (const s of servers) s.close();
  await cleanup?.();
});

async function call(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; key?: string; headers?: Record<string, string>; at?: string } = {},
) {
  const headers: Record<string, string> = {
    ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...(opts.key ? { 'idempotency-key': opts.key } : {}),
    ...opts.headers,
  };
  const res = await fetch(`${opts.at ?? base}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
const login = (username: string, password = TEST_PASSWORD, at?: string) =>
  call('POST', '/api/auth/login', { body: { username, password }, at });
const tokenOf = async (username: string, password = TEST_PASSWORD) => {
  const res = await login(username, password);
  expect([username, res.status]).toEqual([username, 200]);
  return res.body.token as string;
};

describe('login throttling', () => {
  test('five failures in a row lock the username: 429 with Retry-After even for the right password; then the lock doubles', async () => {
    for (let i = 0; i < 5; i++) expect((await login('ct.ca', 'sai-mat-khau')).status).toBe(401);
    const locked = await login('ct.ca');
    expect([locked.status, locked.body.error.code, locked.headers.get('retry-after')]).toEqual([
      429,
      'TOO_MANY_REQUESTS',
      '1',
    ]);
    // Any spelling of the username is the same account.
    expect((await login('CT.CA')).status).toBe(429);
    // Another account from the same address is not affected.
    expect((await login('ct.tand')).status).toBe(200);
    // After the lock: one more failure locks for twice as long.
    clock += 1000;
    expect((await login('ct.ca', 'sai-mat-khau')).status).toBe(401);
    const longer = await login('ct.ca');
    expect([longer.status, longer.headers.get('retry-after')]).toEqual([429, '2']);
    clock += 2000;
    // A success clears the count.
    expect((await login('ct.ca')).status).toBe(200);
    expect((await login('ct.ca', 'sai-mat-khau')).status).toBe(401);
    expect((await login('ct.ca')).status).toBe(200);
  });

  test('failures from one address across usernames lock the address', async () => {
    const at = await serve(new LoginGuard({ now: () => clock, freeFailuresPerIp: 3 }));
    for (const u of ['ct.tand', 'ct.vksnd', 'khong.co.ai'])
      expect((await login(u, 'sai-mat-khau', at)).status).toBe(401);
    const locked = await login('ct.stp', TEST_PASSWORD, at);
    expect([locked.status, locked.body.error.code, Number(locked.headers.get('retry-after')) >= 1]).toEqual([
      429,
      'TOO_MANY_REQUESTS',
      true,
    ]);
  });

  test('the password work runs at most `concurrency` at a time; beyond the queue it is refused at once', async () => {
    const bounded = new LoginGuard({ concurrency: 2, queue: 3 });
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const work = () =>
      bounded.hashing(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((r) => gates.push(r));
        running--;
      });
    const jobs = Array.from({ length: 5 }, work);
    await expect(work()).rejects.toBeInstanceOf(LoginBusyError);
    // Release one gate at a time: never more than two run.
    while (gates.length > 0 || running > 0) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    await Promise.all(jobs);
    expect([most, bounded.running]).toEqual([2, 0]);
  });
});

describe('tokens', () => {
  test('a password change revokes the tokens issued before it; other changes do not', async () => {
    const admin = await tokenOf('admin');
    const person = await db.prisma.person.findUniqueOrThrow({ where: { username: 'ct.thads' } });
    const before = await tokenOf('ct.thads');
    expect((await call('GET', '/api/me', { token: before })).status).toBe(200);
    expect(
      (await call('PATCH', `/api/admin/people/${person.id}`, { token: admin, body: { fullName: 'Tên mới' } })).status,
    ).toBe(200);
    expect((await call('GET', '/api/me', { token: before })).status).toBe(200);
    expect(
      (await call('PATCH', `/api/admin/people/${person.id}`, { token: admin, body: { password: 'mat-khau-moi-dai' } }))
        .status,
    ).toBe(200);
    const revoked = await call('GET', '/api/me', { token: before });
    expect([revoked.status, revoked.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const after = await tokenOf('ct.thads', 'mat-khau-moi-dai');
    expect((await call('GET', '/api/me', { token: after })).status).toBe(200);
  });
});

describe('inbox', () => {
  test("a unit's tasks and notifications go to its officers: a person attached to the unit in another role sees only their own", async () => {
    const admin = await tokenOf('admin');
    const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code: 'CT-TTR' } });
    const council = await db.prisma.council.findFirstOrThrow({ where: { province: { code: 'CT' } } });
    const created = await call('POST', '/api/admin/people', {
      token: admin,
      key: randomUUID(),
      body: {
        username: 'ct.ttr.hd',
        fullName: 'Lê Văn Hội Đồng',
        email: 'ttr.hd@thidua.example',
        password: 'mat-khau-hoi-dong',
        unitId: unit.id,
        roles: [{ role: 'councilMember', councilId: council.id }],
      },
    });
    expect(created.status).toBe(201);
    const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
    const cycle = await db.prisma.cycle.create({
      data: {
        id: 'cycle-CT-NOICHINH-2031',
        blocId: bloc.id,
        year: 2031,
        phase: 'pledge',
        headUnitId: bloc.headUnitId!,
        deputyUnitId: bloc.deputyUnitId!,
        ruleSetCode: bloc.ruleSetCode,
        ruleSetVersion: 1,
        deadlines: {},
        startedAt: new Date(),
      },
    });
    await db.prisma.task.create({
      data: { cycleId: cycle.id, unitId: unit.id, kind: 'pledge', title: 'Ký giao ước', dueAt: new Date('2031-03-31') },
    });
    const forUnit = await db.prisma.notification.create({
      data: {
        dedupeKey: `inbox-test:${unit.id}`,
        recipientUnitId: unit.id,
        cycleId: cycle.id,
        kind: 'task',
        title: 'Nhiệm vụ của đơn vị',
        body: '…',
      },
    });
    const forPerson = await db.prisma.notification.create({
      data: {
        dedupeKey: `inbox-test:${created.body.id}`,
        recipientPersonId: created.body.id,
        kind: 'info',
        title: 'Của riêng',
        body: '…',
      },
    });
    const officer = await tokenOf('ct.ttr');
    expect(
      ((await call('GET', '/api/me/tasks', { token: officer })).body as { unitId: string }[]).map((x) => x.unitId),
    ).toEqual([unit.id]);
    expect(
      ((await call('GET', '/api/me/notifications', { token: officer })).body as { id: string }[]).map((n) => n.id),
    ).toContain(forUnit.id);
    const member = await tokenOf('ct.ttr.hd', 'mat-khau-hoi-dong');
    expect((await call('GET', '/api/me/tasks', { token: member })).body).toEqual([]);
    expect(
      ((await call('GET', '/api/me/notifications', { token: member })).body as { id: string }[]).map((n) => n.id),
    ).toEqual([forPerson.id]);
    expect((await call('POST', `/api/me/notifications/${forUnit.id}/read`, { token: member })).status).toBe(404);
  });
});

describe('request ids', () => {
  test('a client x-request-id is kept when it is a plain token, replaced by a UUID otherwise', async () => {
    const idOf = async (value: string) =>
      (await call('GET', '/api/me', { headers: { 'x-request-id': value } })).body.error.requestId as string;
    expect(await idOf('trace-7f3a.01:2')).toBe('trace-7f3a.01:2');
    for (const bad of ['<script>alert(1)</script>', 'a'.repeat(129), 'a/b?c=1', 'x y', 'x;y']) {
      expect([bad, await idOf(bad)]).toEqual([
        bad,
        expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      ]);
    }
  });
});

describe('idempotency keys', () => {
  const province = async () => (await db.prisma.province.findUniqueOrThrow({ where: { code: 'CT' } })).id;

  test('the fingerprint is an HMAC under the server secret, never over a password: the stored key holds neither the body hash nor the password', async () => {
    const admin = await tokenOf('admin');
    const unitId = (await db.prisma.unit.findUniqueOrThrow({ where: { code: 'CT-STP' } })).id;
    const body = {
      username: 'ct.stp2',
      fullName: 'Trần Thị Hai',
      email: 'stp2@thidua.example',
      password: 'mat-khau-bi-mat-1',
      unitId,
      roles: [],
    };
    const key = randomUUID();
    expect((await call('POST', '/api/admin/people', { token: admin, body, key })).status).toBe(201);
    const stored = await db.prisma.idempotencyKey.findUniqueOrThrow({ where: { key } });
    const sha = (v: string) => createHash('sha256').update(v).digest('hex');
    const canonical = JSON.stringify(Object.fromEntries(Object.entries(body).sort(([a], [b]) => a.localeCompare(b))));
    for (const leak of [sha(canonical), sha(JSON.stringify(body)), sha(body.password), body.password])
      expect(stored.scope).not.toContain(leak);
    expect(stored.scope).toContain(`body:${bodyHash({ config }, body)}`);
    // The password is not part of the fingerprint: the same key with another password is the same request
    // (answered again, nothing applied); the first password stays.
    const again = await call('POST', '/api/admin/people', {
      token: admin,
      body: { ...body, password: 'mat-khau-khac-2' },
      key,
    });
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect((await login('ct.stp2', 'mat-khau-khac-2')).status).toBe(401);
    expect((await login('ct.stp2', 'mat-khau-bi-mat-1')).status).toBe(200);
    // Another field still makes it another request.
    expect(
      (await call('POST', '/api/admin/people', { token: admin, body: { ...body, fullName: 'Người khác' }, key }))
        .status,
    ).toBe(422);
  });

  test('the HMAC key: IDEMPOTENCY_SECRET, else derived from JWT_SECRET — the same after a restart, different under another secret', () => {
    const body = { code: 'CT-X', name: 'Đơn vị' };
    const env = { NODE_ENV: 'test', JWT_SECRET: 'j'.repeat(40) };
    expect(bodyHash({ config: loadConfig(env) }, body)).toBe(bodyHash({ config }, body));
    expect(bodyHash({ config: loadConfig({ ...env, JWT_SECRET: 'k'.repeat(40) }) }, body)).not.toBe(
      bodyHash({ config }, body),
    );
    const own = loadConfig({ ...env, IDEMPOTENCY_SECRET: 'i'.repeat(40) });
    expect(bodyHash({ config: own }, body)).toBe(
      bodyHash(
        { config: loadConfig({ ...env, JWT_SECRET: 'k'.repeat(40), IDEMPOTENCY_SECRET: 'i'.repeat(40) }) },
        body,
      ),
    );
    expect(bodyHash({ config: own }, body)).not.toBe(bodyHash({ config }, body));
    expect(() => loadConfig({ ...env, IDEMPOTENCY_SECRET: 'short' })).toThrow(/IDEMPOTENCY_SECRET/);
  });

  test('a key older than 24 h is forgotten: the request runs as a new one', async () => {
    const admin = await tokenOf('admin');
    const key = randomUUID();
    await db.prisma.idempotencyKey.create({
      data: {
        key,
        scope: 'POST /api/admin/units {} person:someone body:old',
        response: { status: 201, body: { old: true } },
        createdAt: new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS - 60_000),
      },
    });
    const res = await call('POST', '/api/admin/units', {
      token: admin,
      key,
      body: { code: 'CT-HETHAN', name: 'Đơn vị khóa hết hạn', shortName: 'HH', provinceId: await province() },
    });
    expect([res.status, res.headers.get('idempotent-replayed'), res.body.code]).toEqual([201, null, 'CT-HETHAN']);
    const stored = await db.prisma.idempotencyKey.findUniqueOrThrow({ where: { key } });
    expect(stored.scope).toMatch(/^POST \/api\/admin\/units /);
    // A fresh key is still remembered.
    const twice = await call('POST', '/api/admin/units', {
      token: admin,
      key,
      body: { code: 'CT-HETHAN', name: 'Đơn vị khóa hết hạn', shortName: 'HH', provinceId: await province() },
    });
    expect(twice.headers.get('idempotent-replayed')).toBe('true');
  });
});
