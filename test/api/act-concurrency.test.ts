/**
 * Issue 11, item 6 (not timed): 100 cycle starts at once and 64 acts on 8 cycles at once, on SQLite
 * and on PostgreSQL, with the worker on its OWN connection (as worker/main.ts in its own process), so
 * API and worker contend for the write lock (SQLite) or for serialisable transactions (PostgreSQL).
 * Every answer is 2xx or a defined 4xx/503 — never 500 — and the
 * database and the workflow histories agree.
 */
import { randomUUID } from 'node:crypto';
import { createDb, type Db } from '../../db';
import { defaultPlan } from '../../api/routes/cycles';
import { hashPassword } from '../../api/security/passwords';
import { generateCountry, tokenFor, type GeneratedBloc } from '../../scripts/bench/country';
import { seededSqlite } from '../support/db';
import { seededPostgres } from '../support/postgres-system';
import { startRealSystem, type RealSystem } from '../support/real-system';

jest.setTimeout(300_000);

const databases: [string, typeof seededSqlite][] = [
  ['SQLite', seededSqlite],
  ['PostgreSQL', seededPostgres],
];

describe.each(databases)('on %s', (_name, seed) => {
  let sys: RealSystem;
  let workerDb: Db;
  let blocs: GeneratedBloc[];
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const seeded = await seed();
    cleanup = seeded.cleanup;
    blocs = await generateCountry(seeded.db, {
      provinces: 5,
      blocs: 20,
      units: 4,
      passwordHash: await hashPassword('x-password'),
      prefix: 'CC',
    });
    workerDb = createDb(seeded.url);
    sys = await startRealSystem({ db: seeded.db, activities: { db: workerDb } });
  }, 240_000);

  afterAll(async () => {
    await sys?.stop();
    await workerDb?.close();
    await cleanup?.();
  });

  const post = async (path: string, personId: string, body: unknown) => {
    const res = await fetch(`${sys.base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokenFor(personId, sys.config.JWT_SECRET!)}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  };

  test('100 starts and 64 acts at once: no 500, and database and histories agree', async () => {
    const year = new Date().getUTCFullYear();
    const plan = defaultPlan(year);
    const starts = await Promise.all(
      blocs.map((b) => post(`/api/blocs/${b.id}/cycles`, b.officers[0]!, { year, plan })),
    );
    expect(starts.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const started = blocs.filter((_, i) => starts[i] === 201);
    // Every start that answered 201 has its projection row, its audit row and its idempotency row.
    const { prisma } = sys.db;
    for (const b of started) {
      const cycle = await prisma.cycle.findFirstOrThrow({ where: { blocId: b.id, year } });
      expect(await prisma.auditLog.count({ where: { action: 'cycle.start', entityId: cycle.id } })).toBe(1);
    }
    expect(await prisma.idempotencyKey.count({ where: { scope: { contains: '/cycles' } } })).toBeGreaterThanOrEqual(
      started.length,
    );

    // 8 cycles × 4 units × (pledge + acceptance) = 64 acts, all at once (a review may meet 409 if its pledge is not in yet).
    const eight = started.slice(0, 8);
    const ids = await Promise.all(
      eight.map(async (b) => (await prisma.cycle.findFirstOrThrow({ where: { blocId: b.id, year } })).id),
    );
    for (const id of ids) {
      for (let i = 0; i < 100 && (await prisma.cycle.findUniqueOrThrow({ where: { id } })).phase !== 'pledge'; i++)
        await new Promise((r) => setTimeout(r, 100));
    }
    const acts = eight.flatMap((b, k) =>
      b.unitIds.flatMap((unitId, u) => [
        () =>
          post(`/api/cycles/${ids[k]}/pledges`, b.officers[u]!, {
            unitId,
            targets: ['Hoàn thành nhiệm vụ'],
            signedBy: 'Thủ trưởng',
          }),
        () => post(`/api/cycles/${ids[k]}/pledges/review`, b.officers[0]!, { unitId, decision: 'accept' }),
      ]),
    );
    expect(acts).toHaveLength(64);
    const statuses = await Promise.all(acts.map((a) => a()));
    expect(statuses.filter((s) => ![200, 409, 503].includes(s))).toEqual([]);

    // Database == workflow: each unit's pledge status in the table is the one the workflow holds.
    for (const id of ids) {
      const view = (await sys.env.client.workflow.getHandle(id).query('getCycle')) as {
        units: { unitId: string; pledge: string }[];
      };
      const rows = await prisma.submission.findMany({ where: { cycleId: id, kind: 'pledge' } });
      for (const u of view.units) {
        const row = rows.find((r) => r.unitId === u.unitId);
        expect({ unit: u.unitId, status: row?.status ?? 'none' }).toEqual({ unit: u.unitId, status: u.pledge });
      }
    }
  });
});
