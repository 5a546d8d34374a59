/**
 * The database contract both providers must satisfy. Used by sqlite.test.ts and postgres.test.ts
 * (this file is not a test file itself).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { createDb, type Db, type DbProvider } from '../../db';
import { migrateDatabase } from '../../prisma/migrate';
import { migrationsDir } from '../../prisma/migrations-folder';
import { seedDatabase } from '../../prisma/seed';
import { verifyPassword } from '../../api/security/passwords';

export const PASSWORD = 'contract-test-pw';

/** Row counts of every model (seed idempotency). */
export async function countAll(db: Db): Promise<Record<string, number>> {
  const p = db.prisma;
  return {
    province: await p.province.count(),
    bloc: await p.bloc.count(),
    unit: await p.unit.count(),
    blocMembership: await p.blocMembership.count(),
    person: await p.person.count(),
    roleAssignment: await p.roleAssignment.count(),
    council: await p.council.count(),
    councilMember: await p.councilMember.count(),
    ruleSet: await p.ruleSet.count(),
  };
}

export function latestMigrationName(provider: DbProvider): string {
  const names = fs
    .readdirSync(migrationsDir(provider), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return names[names.length - 1]!;
}

/** A copy of a provider's migrations folder in a temp dir (so a failed sync check writes nothing real). */
export function copyMigrations(provider: DbProvider): { dir: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `thidua-mig-${provider}-`));
  const dir = path.join(root, provider);
  fs.cpSync(migrationsDir(provider), dir, { recursive: true });
  return { dir, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * PostgreSQL reports the trigger's message. On SQLite, RAISE(ABORT, …) fails with
 * SQLITE_CONSTRAINT_TRIGGER, which @prisma/adapter-better-sqlite3 7.10 maps to a foreign-key
 * violation (P2003) and drops the message; sqlite.test.ts checks the message through the driver.
 */
const appendOnlyError = (provider: DbProvider) =>
  provider === 'postgresql' ? /audit log is append-only/ : /audit log is append-only|Foreign key constraint violated/;

/**
 * Registers the shared tests. `getUrl` is called in beforeAll, once per file: it must return
 * the URL of an EMPTY database.
 */
export function databaseContract(provider: DbProvider, getUrl: () => string): void {
  let url: string;
  let db: Db;

  beforeAll(() => {
    url = getUrl();
  });
  afterAll(async () => {
    await db?.close();
  });

  test('migrate deploy applies every migration once, then nothing (idempotent)', async () => {
    const first = await migrateDatabase(url);
    expect(first.provider).toBe(provider);
    expect(first.applied).toContain(latestMigrationName(provider));
    const second = await migrateDatabase(url);
    expect(second.applied).toEqual([]);
    db = createDb(url, { log: ['warn'] });
    expect(db.provider).toBe(provider);
    const rows = await db.prisma.$queryRawUnsafe<Array<{ migration_name: string }>>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    expect(rows.map((r) => r.migration_name)).toContain(latestMigrationName(provider));
  });

  test('seed is idempotent (same row counts, same ids) and logins work', async () => {
    const summary = await seedDatabase(db, { demoPassword: PASSWORD });
    expect(summary.skippedRuleSets).toEqual([]);
    const counts1 = await countAll(db);
    const units1 = await db.prisma.unit.findMany({ select: { id: true, code: true }, orderBy: { code: 'asc' } });
    await seedDatabase(db, { demoPassword: PASSWORD });
    const counts2 = await countAll(db);
    const units2 = await db.prisma.unit.findMany({ select: { id: true, code: true }, orderBy: { code: 'asc' } });
    expect(counts2).toEqual(counts1);
    expect(units2).toEqual(units1);

    expect(counts1).toMatchObject({
      province: 2,
      bloc: 2,
      unit: 13,
      blocMembership: 13,
      council: 2,
      councilMember: 10,
      person: 26,
    });
    const ct = await db.prisma.bloc.findUniqueOrThrow({
      where: { code: 'CT-NOICHINH' },
      include: { memberships: { where: { leftOn: null }, include: { unit: true } }, headUnit: true, deputyUnit: true },
    });
    expect(ct.name).toBe('Khối thi đua Nội chính thành phố Cần Thơ');
    expect(ct.memberships.map((m) => m.unit.code).sort()).toEqual(
      ['CT-BCHQS', 'CT-CA', 'CT-STP', 'CT-TAND', 'CT-THADS', 'CT-TTR', 'CT-VKSND'].sort(),
    );
    expect(ct.headUnit?.code).toBeDefined();
    expect(ct.deputyUnit?.code).not.toBe(ct.headUnit?.code);
    expect(ct.memberships.some((m) => (m.unit.womenRatio ?? 0) >= 0.7)).toBe(true);

    const officer = await db.prisma.person.findUniqueOrThrow({
      where: { username: 'ct.vksnd' },
      include: { roles: true, unit: true },
    });
    expect(officer.unit?.code).toBe('CT-VKSND');
    expect(officer.roles.map((r) => r.role)).toEqual(['unitOfficer']);
    expect(await verifyPassword(PASSWORD, officer.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', officer.passwordHash)).toBe(false);
    for (const username of ['admin', 'tn.ca', 'ct.hd1', 'ct.hd5', 'ct.tk', 'tn.tk']) {
      await expect(db.prisma.person.findUnique({ where: { username } })).resolves.not.toBeNull();
    }
    const secretary = await db.prisma.person.findUniqueOrThrow({
      where: { username: 'ct.tk' },
      include: { roles: true },
    });
    expect(secretary.roles.map((r) => r.role)).toEqual(['councilSecretary']);

    // Rule-set files of domain/rulesets, if present, are stored with their full JSON body.
    const files = fs.existsSync(path.join(__dirname, '../../domain/rulesets'))
      ? fs.readdirSync(path.join(__dirname, '../../domain/rulesets')).filter((f) => f.endsWith('.json'))
      : [];
    expect(counts1.ruleSet).toBe(files.length);
    if (files.length > 0) {
      const rs = await db.prisma.ruleSet.findFirstOrThrow({ where: { code: ct.ruleSetCode } });
      expect((rs.body as { code?: string }).code).toBe(ct.ruleSetCode);
    }
  });

  test('the audit log is append-only: UPDATE and DELETE are rejected by the database', async () => {
    const expectAppendOnly = async (action: Promise<unknown>) => {
      await expect(action).rejects.toThrow(appendOnlyError(provider));
    };
    const entry = await db.prisma.auditLog.create({
      data: { action: 'test', entity: 'Unit', entityId: 'x', after: { a: 1 }, requestId: randomUUID() },
    });
    await db.prisma.auditLog.create({ data: { action: 'test2', entity: 'Unit', entityId: 'y' } });
    expect(entry.id).toBeGreaterThan(0);

    await expectAppendOnly(db.prisma.auditLog.update({ where: { id: entry.id }, data: { action: 'tampered' } }));
    await expectAppendOnly(db.prisma.auditLog.updateMany({ data: { action: 'tampered' } }));
    await expectAppendOnly(db.prisma.auditLog.delete({ where: { id: entry.id } }));
    await expectAppendOnly(db.prisma.auditLog.deleteMany({}));
    await expectAppendOnly(db.prisma.$executeRawUnsafe('UPDATE "AuditLog" SET "action" = \'x\''));
    await expectAppendOnly(db.prisma.$executeRawUnsafe('DELETE FROM "AuditLog"'));
    if (provider === 'postgresql') {
      await expectAppendOnly(db.prisma.$executeRawUnsafe('TRUNCATE "AuditLog"'));
    }

    const after = await db.prisma.auditLog.findUniqueOrThrow({ where: { id: entry.id } });
    expect(after.action).toBe('test');
    expect(await db.prisma.auditLog.count()).toBe(2);
  });

  test('ballots carry no voter, no time and no order; JSON and bytes round-trip', async () => {
    const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'TN-NOICHINH' } });
    const cycleId = `cycle-${randomUUID()}`;
    await db.prisma.cycle.create({
      data: {
        id: cycleId,
        blocId: bloc.id,
        year: 2026,
        phase: 'voting',
        headUnitId: bloc.headUnitId!,
        deputyUnitId: bloc.deputyUnitId!,
        ruleSetCode: bloc.ruleSetCode,
        ruleSetVersion: 1,
        deadlines: { pledge: '2026-03-31' },
        startedAt: new Date('2026-01-05T01:00:00Z'),
      },
    });
    const round = await db.prisma.votingRound.create({
      data: {
        cycleId,
        contest: 'leader',
        round: 1,
        candidates: ['a', 'b'],
        seats: 1,
        openedAt: new Date(),
        eligibleVoters: 6,
        present: 6,
      },
    });
    await db.prisma.ballot.createMany({
      data: [
        { roundId: round.id, choices: ['a'] },
        { roundId: round.id, choices: [] },
      ],
    });
    const ballots = await db.prisma.ballot.findMany({ where: { roundId: round.id } });
    expect(ballots).toHaveLength(2);
    for (const b of ballots) expect(Object.keys(b).sort()).toEqual(['choices', 'id', 'roundId']);
    expect(ballots.every((b) => /^[0-9a-f-]{36}$/.test(b.id))).toBe(true);

    // Column-level check, independent of the client: the Ballot table has exactly these columns.
    const columns =
      provider === 'sqlite'
        ? (
            await db.prisma.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM pragma_table_info('Ballot')`)
          ).map((c) => c.name)
        : (
            await db.prisma.$queryRawUnsafe<Array<{ column_name: string }>>(
              `SELECT column_name FROM information_schema.columns WHERE table_name = 'Ballot'`,
            )
          ).map((c) => c.column_name);
    expect(columns.sort()).toEqual(['choices', 'id', 'roundId']);
    if (provider === 'sqlite') {
      const [table] = await db.prisma.$queryRawUnsafe<Array<{ sql: string }>>(
        `SELECT sql FROM sqlite_master WHERE name = 'Ballot'`,
      );
      expect(table!.sql).toMatch(/WITHOUT ROWID\s*$/);
    }

    // Json: scalars (incl. numeric strings, which SQLite's column affinity could coerce), nesting, Unicode.
    const payloads: unknown[] = [
      42,
      '42',
      'Khối thi đua',
      true,
      null,
      [1, '2', { x: 3.5 }],
      { nested: { list: ['đ', 0] } },
    ];
    for (const [i, payload] of payloads.entries()) {
      const key = `k-${i}-${randomUUID()}`;
      await db.prisma.idempotencyKey.create({
        data: { key, scope: 'test', response: payload === null ? undefined : (payload as object) },
      });
      const back = await db.prisma.idempotencyKey.findUniqueOrThrow({ where: { key } });
      expect(back.response).toEqual(payload);
    }

    // Bytes.
    const content = randomBytes(4096);
    const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code: 'TN-CA' } });
    const file = await db.prisma.evidenceFile.create({
      data: {
        cycleId,
        unitId: unit.id,
        filename: 'minh-chung.pdf',
        mimeType: 'application/pdf',
        size: content.length,
        sha256: 'x',
        content,
      },
    });
    const stored = await db.prisma.evidenceFile.findUniqueOrThrow({ where: { id: file.id } });
    expect(Buffer.from(stored.content).equals(content)).toBe(true);

    // Foreign keys are enforced.
    await expect(
      db.prisma.task.create({
        data: { cycleId, unitId: 'no-such-unit', kind: 'pledge', title: 't', dueAt: new Date() },
      }),
    ).rejects.toThrow();
  });
}
