/**
 * `npm run bench [-- --provinces 34 --blocs 20 --units 9 --requests 400]`
 * Country-scale read benchmark: builds a registry of provinces × blocs × units with one cycle
 * per bloc (tasks, notifications, score summaries) in a fresh database (DATABASE_URL, default
 * data/bench.db), then times the read endpoints the pages use through the real HTTP app.
 * Prints figures; asserts nothing (targets belong here, not in timed tests).
 * `npm run bench -- --acts`: the act path instead (scripts/bench/acts.ts, issue 11).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Client } from '@temporalio/client';
import { createApp } from '../api/app';
import { hashPassword } from '../api/security/passwords';
import { loadConfig } from '../config';
import { createDb } from '../db';
import { migrateDatabase } from '../prisma/migrate';
import { ensureTemporalCli } from './temporal-binaries';

const args = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const P = num('provinces', 34);
const B = num('blocs', 20);
const U = num('units', 9);
const REQUESTS = num('requests', 400);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  // Modes that drive workflows need the dev server: provisioned the way `npm start` does.
  if (args.includes('--acts')) ensureTemporalCli((m) => console.log(`[bench] ${m}`));
  const url = process.env.DATABASE_URL ?? `file:${path.resolve('data/bench.db')}`;
  if (url.startsWith('file:')) for (const f of ['', '-wal', '-shm']) fs.rmSync(url.slice(5) + f, { force: true });
  await migrateDatabase(url);
  const db = createDb(url);
  const { prisma } = db;
  const t0 = Date.now();
  const passwordHash = await hashPassword('bench-password');
  const deadlines = { pledge: '2026-03-31T00:00:00Z' };
  const officers: string[] = [];
  /** What each officer may read (api/scope.ts): its bloc's cycle, its bloc, its own unit, its province. */
  const scopes: { cycleId: string; blocId: string; unitId: string; province: string; provinceId: string }[] = [];
  for (let p = 0; p < P; p++) {
    const province = await prisma.province.create({ data: { code: `P${p}`, name: `Tỉnh ${p}` } });
    for (let b = 0; b < B; b++) {
      const units = await Promise.all(
        Array.from({ length: U }, (_, u) =>
          prisma.unit.create({
            data: {
              code: `P${p}-B${b}-U${u}`,
              name: `Đơn vị ${u} khối ${b} tỉnh ${p}`,
              shortName: `ĐV${u}`,
              provinceId: province.id,
            },
          }),
        ),
      );
      const bloc = await prisma.bloc.create({
        data: {
          code: `P${p}-B${b}`,
          name: `Khối ${b} tỉnh ${p}`,
          provinceId: province.id,
          ruleSetCode: 'bench',
          headUnitId: units[0]!.id,
          deputyUnitId: units[1]!.id,
        },
      });
      await prisma.blocMembership.createMany({
        data: units.map((u) => ({ blocId: bloc.id, unitId: u.id, joinedOn: new Date('2025-01-01') })),
      });
      const cycleId = `cycle-${bloc.code}-2026`;
      await prisma.cycle.create({
        data: {
          id: cycleId,
          blocId: bloc.id,
          year: 2026,
          phase: 'midYear',
          headUnitId: units[0]!.id,
          deputyUnitId: units[1]!.id,
          ruleSetCode: 'bench',
          ruleSetVersion: 1,
          deadlines,
          startedAt: new Date(),
        },
      });
      await prisma.task.createMany({
        data: units.flatMap((u) =>
          ['pledge', 'midYear'].map((kind) => ({
            cycleId,
            unitId: u.id,
            kind,
            title: kind,
            dueAt: new Date('2026-06-30'),
            status: kind === 'pledge' ? 'done' : 'open',
          })),
        ),
      });
      await prisma.notification.createMany({
        data: units.flatMap((u) =>
          Array.from({ length: 10 }, (_, n) => ({
            dedupeKey: `${cycleId}:${u.id}:${n}`,
            recipientUnitId: u.id,
            cycleId,
            kind: 'task',
            title: `Thông báo ${n}`,
            body: '…',
          })),
        ),
      });
      await prisma.scoreSummary.createMany({
        data: units.map((u, i) => ({
          cycleId,
          unitId: u.id,
          selfTotal: 90 - i,
          reviewedTotal: 90 - i,
          finalTotal: 90 - i,
          tasksGroupScore: 50 - i,
          rank: i + 1,
        })),
      });
      if (officers.length < 50) {
        const person = await prisma.person.create({
          data: {
            username: `bench.${bloc.code}`.toLowerCase(),
            fullName: 'Cán bộ',
            email: 'x@example.org',
            passwordHash,
            unitId: units[2]!.id,
            roles: { create: [{ role: 'unitOfficer', unitId: units[2]!.id }] },
          },
        });
        officers.push(person.username);
        scopes.push({
          cycleId,
          blocId: bloc.id,
          unitId: units[2]!.id,
          province: province.code,
          provinceId: province.id,
        });
      }
    }
  }
  const seedSeconds = (Date.now() - t0) / 1000;
  const counts = {
    units: await prisma.unit.count(),
    cycles: await prisma.cycle.count(),
    tasks: await prisma.task.count(),
    notifications: await prisma.notification.count(),
  };
  console.log(`[bench] ${db.provider}: seeded ${JSON.stringify(counts)} in ${seedSeconds.toFixed(1)} s`);

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    JWT_SECRET: 'b'.repeat(40),
  });
  // Reads never touch Temporal: a stub client isolates the read path being measured.
  const app = createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    temporal: { client: {} as Client, taskQueue: 'bench', namespace: 'default' },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = await Promise.all(
    officers.map(
      async (username) =>
        (
          (await (
            await fetch(`${base}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ username, password: 'bench-password' }),
            })
          ).json()) as { token: string }
        ).token,
    ),
  );
  // Request i goes with token i % n and reads what that officer may read (its scope), as the pages do.
  const scopeOf = (i: number) => scopes[i % scopes.length]!;

  const endpoints: [string, (i: number) => string][] = [
    ['GET /api/me/tasks', () => '/api/me/tasks'],
    ['GET /api/me/notifications', () => '/api/me/notifications?take=50'],
    ['GET /api/cycles/:id', (i) => `/api/cycles/${scopeOf(i).cycleId}`],
    ['GET /api/blocs?province= (one province)', (i) => `/api/blocs?province=${scopeOf(i).province}`],
    ['GET /api/cycles/:id/results', (i) => `/api/cycles/${scopeOf(i).cycleId}/results`],
    ['GET /api/blocs/:id/history', (i) => `/api/blocs/${scopeOf(i).blocId}/history`],
    ['GET /api/units/:id/history', (i) => `/api/units/${scopeOf(i).unitId}/history`],
    ['GET /api/provinces/:id/years/:year', (i) => `/api/provinces/${scopeOf(i).provinceId}/years/2026`],
    ['GET …/years/:year/export.xlsx', (i) => `/api/provinces/${scopeOf(i).provinceId}/years/2026/export.xlsx`],
  ];
  for (const [name, pathOf] of endpoints) {
    const n = REQUESTS;
    const times: number[] = [];
    const start = Date.now();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${pathOf(i)}`, {
        headers: { authorization: `Bearer ${tokens[i % tokens.length]}` },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
      times.push(performance.now() - t);
    }
    const secs = (Date.now() - start) / 1000;
    console.log(
      `[bench] ${name.padEnd(44)} n=${n} p50=${percentile(times, 50).toFixed(1)} ms p95=${percentile(times, 95).toFixed(1)} ms ${(n / secs).toFixed(0)} req/s (sequential)`,
    );
  }
  const mem = process.memoryUsage();
  console.log(
    `[bench] memory rss=${(mem.rss / 2 ** 20).toFixed(0)} MiB heapUsed=${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
  server.close();
  await db.close();
}

(args.includes('--acts') ? import('./bench/acts').then((m) => m.benchActs()) : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
