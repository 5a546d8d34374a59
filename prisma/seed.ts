/**
 * Demo / reference data: two provincial internal-affairs blocs (Cần Thơ, Tây Ninh), their member
 * units, the provincial emulation–commendation councils, demo accounts and the example rule-sets.
 * The data is in prisma/seed-data.ts, the rule-set file loader in prisma/seed-rulesets.ts.
 *
 * Create-only: each row is created when its natural key (codes, usernames, …) is absent and never
 * changed afterwards — running it again leaves every row as it is, so a changed password, a
 * deactivated account, a renamed unit or a handover survive restarts. Roles and council seats are
 * given only to the people this run creates. Unit names and women ratios are plausible examples,
 * not official data.
 *
 * Never in production: config refuses SEED_DEMO there (the demo password is published).
 *
 * CLI: `tsx prisma/seed.ts [--url URL] [--password PW]` (default URL: $DATABASE_URL, else
 * file:<project>/data/thidua.db; password: $DEMO_PASSWORD, else 'thidua-demo'). The CLI applies
 * pending migrations first.
 *
 * Demo accounts (all with the demo password):
 *   admin                         administrator
 *   ct.ca, ct.vksnd, … tn.thads   one unit officer per unit (lower-case unit code, '-' → '.')
 *   ct.hd1 … ct.hd5, tn.hd1 …     council members (hd1 = chair, hd2 = vice-chair)
 *   ct.tk, tn.tk                  council secretaries (Sở Nội vụ, standing body of the council)
 */
import path from 'node:path';
import { hashPassword } from '../api/security/passwords';
import type { Db } from '../db';
import { createDb } from '../db';
import { DEFAULT_DATABASE_URL, redactUrl } from '../db/url';
import { migrateDatabase } from './migrate';
import { COUNCIL_POSITIONS, SEED_PROVINCES, demoPeople, emailOf, officerUsername, type PersonSeed } from './seed-data';
import { loadRuleSetFiles } from './seed-rulesets';

export const DEFAULT_DEMO_PASSWORD = 'thidua-demo';

export interface SeedOptions {
  /** Password of every demo account (default 'thidua-demo'). */
  demoPassword?: string;
  /** Folder with rule-set JSON files (default <project>/domain/rulesets). */
  rulesetsDir?: string;
  log?: (message: string) => void;
}

export interface SeedSummary {
  provinces: number;
  blocs: number;
  units: number;
  people: number;
  councils: number;
  ruleSets: number;
  /** Rule-set files that could not be loaded (reason per file). */
  skippedRuleSets: string[];
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Seeding
// ─────────────────────────────────────────────────────────────────────────────────────────────

export async function seedDatabase(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const { prisma } = db;
  const demoPassword = options.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  const log = options.log ?? (() => undefined);
  const rulesetsDir = options.rulesetsDir ?? path.join(__dirname, '..', 'domain', 'rulesets');

  // People first: only those absent get a hash (the slow part, done in parallel).
  const people = demoPeople();
  const existing = new Set(
    (
      await prisma.person.findMany({
        where: { username: { in: people.map((p) => p.username) } },
        select: { username: true },
      })
    ).map((p) => p.username),
  );
  const hashes = new Map<string, string>();
  await Promise.all(
    people
      .filter((p) => !existing.has(p.username))
      .map(async (p) => hashes.set(p.username, await hashPassword(demoPassword))),
  );

  const { rows: ruleSets, skipped } = loadRuleSetFiles(rulesetsDir);
  for (const s of skipped) log(`rule-set skipped: ${s}`);

  const unitIds = new Map<string, string>();
  const provinceIds = new Map<string, string>();

  for (const p of SEED_PROVINCES) {
    const province = await prisma.province.upsert({
      where: { code: p.code },
      create: { code: p.code, name: p.name },
      update: {},
    });
    provinceIds.set(p.code, province.id);

    for (const u of p.units) {
      const data = { name: u.name, shortName: u.shortName, provinceId: province.id, womenRatio: u.womenRatio };
      const unit = await prisma.unit.upsert({ where: { code: u.code }, create: { code: u.code, ...data }, update: {} });
      unitIds.set(u.code, unit.id);
    }

    const blocData = { name: p.bloc.name, provinceId: province.id, ruleSetCode: p.bloc.ruleSetCode };
    const existingBloc = await prisma.bloc.findUnique({ where: { code: p.bloc.code }, select: { id: true } });
    const bloc =
      existingBloc ??
      (await prisma.bloc.create({
        data: {
          code: p.bloc.code,
          ...blocData,
          headUnitId: unitIds.get(p.bloc.headUnitCode)!,
          deputyUnitId: unitIds.get(p.bloc.deputyUnitCode)!,
        },
      }));

    for (const u of p.units) {
      const unitId = unitIds.get(u.code)!;
      await prisma.blocMembership.upsert({
        where: { blocId_unitId_joinedOn: { blocId: bloc.id, unitId, joinedOn: p.bloc.membershipStart } },
        create: { blocId: bloc.id, unitId, joinedOn: p.bloc.membershipStart, reason: p.bloc.membershipReason },
        update: {},
      });
    }

    const councilName = `Hội đồng Thi đua – Khen thưởng ${p.level} ${p.place}`;
    const council =
      (await prisma.council.findFirst({ where: { provinceId: province.id, name: councilName } })) ??
      (await prisma.council.create({ data: { provinceId: province.id, name: councilName } }));

    for (const [i, m] of p.council.members.entries()) {
      const person = await createPerson(db, m, null, hashes);
      if (!person) continue;
      await prisma.councilMember.create({
        data: { councilId: council.id, personId: person.id, position: COUNCIL_POSITIONS[i] ?? 'member' },
      });
      await ensureRole(db, person.id, 'councilMember', { councilId: council.id });
    }
    const secretary = await createPerson(db, p.council.secretary, null, hashes);
    if (secretary) await ensureRole(db, secretary.id, 'councilSecretary', { councilId: council.id });

    for (const u of p.units) {
      const unitId = unitIds.get(u.code)!;
      const officer = await createPerson(
        db,
        { username: officerUsername(u.code), fullName: u.officer },
        unitId,
        hashes,
      );
      if (officer) await ensureRole(db, officer.id, 'unitOfficer', { unitId });
    }
  }

  const admin = await createPerson(db, people[0]!, null, hashes);
  if (admin) await ensureRole(db, admin.id, 'admin', {});

  for (const r of ruleSets) {
    const provinceId = r.provinceCode ? (provinceIds.get(r.provinceCode) ?? null) : null;
    const data = {
      scope: r.scope,
      provinceId,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
      body: r.body as object,
    };
    await prisma.ruleSet.upsert({
      where: { code_version: { code: r.code, version: r.version } },
      create: { code: r.code, version: r.version, ...data },
      update: {}, // a published version is never edited (an administrator publishes a new one)
    });
  }

  const summary: SeedSummary = {
    provinces: SEED_PROVINCES.length,
    blocs: SEED_PROVINCES.length,
    units: unitIds.size,
    people: people.length,
    councils: SEED_PROVINCES.length,
    ruleSets: ruleSets.length,
    skippedRuleSets: skipped,
  };
  log(
    `seeded ${summary.provinces} provinces, ${summary.units} units, ${summary.people} people (${hashes.size} created now), ${summary.ruleSets} rule-set(s)`,
  );
  return summary;
}

/** Creates the person when this run hashed a password for it (it was absent); an existing person is never touched. */
async function createPerson(db: Db, p: PersonSeed, unitId: string | null, hashes: Map<string, string>) {
  const passwordHash = hashes.get(p.username);
  if (!passwordHash) return undefined;
  return db.prisma.person.create({
    data: {
      username: p.username,
      fullName: p.fullName,
      email: emailOf(p.username),
      unitId,
      passwordHash,
      active: true,
    },
  });
}

async function ensureRole(
  db: Db,
  personId: string,
  role: string,
  scope: { unitId?: string; councilId?: string },
): Promise<void> {
  const where = { personId, role, unitId: scope.unitId ?? null, councilId: scope.councilId ?? null };
  const found = await db.prisma.roleAssignment.findFirst({ where, select: { id: true } });
  if (!found) await db.prisma.roleAssignment.create({ data: where });
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// CLI
// ─────────────────────────────────────────────────────────────────────────────────────────────

async function main(argv: string[]): Promise<void> {
  const opt = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (process.env['NODE_ENV'] === 'production')
    throw new Error('the demo seed never runs in production (its password is published): see README, Deploy');
  const url = opt('--url') ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  const demoPassword = opt('--password') ?? process.env['DEMO_PASSWORD'] ?? DEFAULT_DEMO_PASSWORD;
  const log = (m: string) => console.log(`[seed] ${m}`);
  await migrateDatabase(url, log);
  const db = createDb(url);
  try {
    await seedDatabase(db, { demoPassword, log });
    log(`done: ${redactUrl(url)}`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`[seed] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(1);
    },
  );
}
