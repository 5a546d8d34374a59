/**
 * Demo / reference data: two provincial internal-affairs blocs (Cần Thơ, Tây Ninh), their member
 * units, the provincial emulation–commendation councils, demo accounts and the example rule-sets.
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
 *   ct.ca, ct.vksnd, … tn.stp     one unit officer per unit (lower-case unit code, '-' → '.')
 *   ct.hd1 … ct.hd5, tn.hd1 …     council members (hd1 = chair, hd2 = vice-chair)
 *   ct.tk, tn.tk                  council secretaries (Sở Nội vụ, standing body of the council)
 */
import fs from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../api/security/passwords';
import type { Db } from '../db';
import { createDb } from '../db';
import { DEFAULT_DATABASE_URL, redactUrl } from '../db/url';
import { migrateDatabase } from './migrate';

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
// Reference data
// ─────────────────────────────────────────────────────────────────────────────────────────────

interface UnitSeed {
  code: string;
  name: string;
  shortName: string;
  womenRatio: number;
  officer: string;
}

interface PersonSeed {
  username: string;
  fullName: string;
}

interface ProvinceSeed {
  code: string;
  name: string;
  /** 'thành phố' or 'tỉnh', used in names. */
  level: string;
  place: string;
  bloc: {
    code: string;
    name: string;
    ruleSetCode: string;
    /** Used when the rule-set file is absent. */
    defaultRotationPolicy: string;
    headUnitCode: string;
    deputyUnitCode: string;
  };
  units: UnitSeed[];
  council: { members: PersonSeed[]; secretary: PersonSeed };
}

/** Membership start of the seeded blocs: the merged provinces exist since 1 July 2025. */
const MEMBERSHIP_START = new Date('2025-07-01T00:00:00.000Z');

export const SEED_PROVINCES: readonly ProvinceSeed[] = [
  {
    code: 'CT',
    name: 'Thành phố Cần Thơ',
    level: 'thành phố',
    place: 'Cần Thơ',
    bloc: {
      code: 'CT-NOICHINH',
      name: 'Khối thi đua Nội chính thành phố Cần Thơ',
      ruleSetCode: 'can-tho',
      defaultRotationPolicy: 'vote',
      headUnitCode: 'CT-CA',
      deputyUnitCode: 'CT-VKSND',
    },
    units: [
      {
        code: 'CT-BCHQS',
        name: 'Bộ Chỉ huy Quân sự thành phố',
        shortName: 'BCHQS TP',
        womenRatio: 0.11,
        officer: 'Đại úy Trần Văn Hùng',
      },
      {
        code: 'CT-CA',
        name: 'Công an thành phố',
        shortName: 'Công an TP',
        womenRatio: 0.17,
        officer: 'Thiếu tá Nguyễn Minh Tuấn',
      },
      {
        code: 'CT-VKSND',
        name: 'Viện Kiểm sát nhân dân thành phố',
        shortName: 'VKSND TP',
        womenRatio: 0.46,
        officer: 'Lê Thị Thu Hà',
      },
      {
        code: 'CT-TAND',
        name: 'Tòa án nhân dân thành phố',
        shortName: 'TAND TP',
        womenRatio: 0.49,
        officer: 'Phạm Quốc Bảo',
      },
      // Formerly Cục Thi hành án dân sự thành phố Cần Thơ (renamed in the 2025 reorganisation).
      {
        code: 'CT-THADS',
        name: 'Thi hành án dân sự thành phố',
        shortName: 'THADS TP',
        womenRatio: 0.41,
        officer: 'Võ Thị Ngọc Lan',
      },
      {
        code: 'CT-TTR',
        name: 'Thanh tra thành phố',
        shortName: 'Thanh tra TP',
        womenRatio: 0.36,
        officer: 'Huỳnh Văn Phúc',
      },
      { code: 'CT-STP', name: 'Sở Tư pháp', shortName: 'Sở Tư pháp', womenRatio: 0.72, officer: 'Nguyễn Thị Kim Oanh' },
    ],
    council: {
      members: [
        { username: 'ct.hd1', fullName: 'Trần Quốc Việt' },
        { username: 'ct.hd2', fullName: 'Lâm Thị Mỹ Dung' },
        { username: 'ct.hd3', fullName: 'Đặng Hoàng Nam' },
        { username: 'ct.hd4', fullName: 'Trương Thị Bích Ngọc' },
        { username: 'ct.hd5', fullName: 'Lý Thành Công' },
      ],
      secretary: { username: 'ct.tk', fullName: 'Châu Thị Thanh Tâm' },
    },
  },
  {
    code: 'TN',
    name: 'Tỉnh Tây Ninh',
    level: 'tỉnh',
    place: 'Tây Ninh',
    bloc: {
      code: 'TN-NOICHINH',
      name: 'Khối thi đua Nội chính tỉnh Tây Ninh',
      ruleSetCode: 'tay-ninh',
      defaultRotationPolicy: 'deputySucceeds',
      headUnitCode: 'TN-TAND',
      deputyUnitCode: 'TN-VKSND',
    },
    units: [
      {
        code: 'TN-BCHQS',
        name: 'Bộ Chỉ huy Quân sự tỉnh',
        shortName: 'BCHQS tỉnh',
        womenRatio: 0.09,
        officer: 'Thượng úy Nguyễn Văn Lộc',
      },
      {
        code: 'TN-CA',
        name: 'Công an tỉnh',
        shortName: 'Công an tỉnh',
        womenRatio: 0.15,
        officer: 'Thiếu tá Đỗ Thanh Sơn',
      },
      {
        code: 'TN-VKSND',
        name: 'Viện Kiểm sát nhân dân tỉnh',
        shortName: 'VKSND tỉnh',
        womenRatio: 0.44,
        officer: 'Phan Thị Hồng Nhung',
      },
      {
        code: 'TN-TAND',
        name: 'Tòa án nhân dân tỉnh',
        shortName: 'TAND tỉnh',
        womenRatio: 0.52,
        officer: 'Nguyễn Hữu Thắng',
      },
      {
        code: 'TN-THADS',
        name: 'Thi hành án dân sự tỉnh',
        shortName: 'THADS tỉnh',
        womenRatio: 0.38,
        officer: 'Bùi Văn Khánh',
      },
      { code: 'TN-STP', name: 'Sở Tư pháp', shortName: 'Sở Tư pháp', womenRatio: 0.61, officer: 'Tô Thị Mai Anh' },
    ],
    council: {
      members: [
        { username: 'tn.hd1', fullName: 'Nguyễn Thành Trung' },
        { username: 'tn.hd2', fullName: 'Hà Thị Thanh Xuân' },
        { username: 'tn.hd3', fullName: 'Lê Văn Đức' },
        { username: 'tn.hd4', fullName: 'Vương Thị Ánh Tuyết' },
        { username: 'tn.hd5', fullName: 'Dương Minh Khoa' },
      ],
      secretary: { username: 'tn.tk', fullName: 'Kiều Thị Phương Thảo' },
    },
  },
];

const COUNCIL_POSITIONS = ['chair', 'viceChair', 'member', 'member', 'member'] as const;

/** 'CT-VKSND' → 'ct.vksnd' */
export const officerUsername = (unitCode: string): string => unitCode.toLowerCase().replace(/-/g, '.');
const emailOf = (username: string) => `${username}@thidua.example`;

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Rule-sets (JSON files written by the domain engineer; loaded defensively, never compiled)
// ─────────────────────────────────────────────────────────────────────────────────────────────

interface RuleSetRow {
  code: string;
  version: number;
  scope: string;
  provinceCode: string | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  body: Record<string, unknown>;
}

/** Rule-set code → province, for files that do not name their province. */
const RULESET_PROVINCE: Record<string, string> = { 'can-tho': 'CT', 'tay-ninh': 'TN' };

function parseDate(v: unknown): Date | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return null;
  const d = new Date(v.length === 10 ? `${v}T00:00:00.000Z` : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function loadRuleSetFiles(dir: string): { rows: RuleSetRow[]; skipped: string[] } {
  const rows: RuleSetRow[] = [];
  const skipped: string[] = [];
  if (!fs.existsSync(dir)) return { rows, skipped };
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const where = path.join(dir, file);
    try {
      const body: unknown = JSON.parse(fs.readFileSync(where, 'utf8'));
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not a JSON object');
      const b = body as Record<string, unknown>;
      const code = b['code'];
      const version = Number(b['version']);
      const effectiveFrom = parseDate(b['effectiveFrom']);
      if (typeof code !== 'string' || code.length === 0) throw new Error('missing "code"');
      if (!Number.isInteger(version) || version < 1) throw new Error('missing or invalid "version"');
      if (!effectiveFrom) throw new Error('missing or invalid "effectiveFrom"');
      const effectiveTo =
        b['effectiveTo'] === undefined || b['effectiveTo'] === null ? null : parseDate(b['effectiveTo']);
      if (b['effectiveTo'] != null && !effectiveTo) throw new Error('invalid "effectiveTo"');
      const provinceCode = typeof b['provinceCode'] === 'string' ? b['provinceCode'] : (RULESET_PROVINCE[code] ?? null);
      rows.push({
        code,
        version,
        scope: typeof b['scope'] === 'string' ? b['scope'] : 'provincial',
        provinceCode,
        effectiveFrom,
        effectiveTo,
        body: b,
      });
    } catch (e) {
      skipped.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { rows, skipped };
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

    const fromFile = ruleSets.find((r) => r.code === p.bloc.ruleSetCode);
    const rotation = fromFile?.body['rotation'] as { policy?: unknown } | undefined;
    const rotationPolicy = typeof rotation?.policy === 'string' ? rotation.policy : p.bloc.defaultRotationPolicy;
    const blocData = {
      name: p.bloc.name,
      provinceId: province.id,
      ruleSetCode: p.bloc.ruleSetCode,
      rotationPolicy,
    };
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
        where: { blocId_unitId_joinedOn: { blocId: bloc.id, unitId, joinedOn: MEMBERSHIP_START } },
        create: {
          blocId: bloc.id,
          unitId,
          joinedOn: MEMBERSHIP_START,
          reason: 'Thành lập khối theo tổ chức bộ máy từ 01/7/2025',
        },
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

/** Every demo account's username and name (admin first). */
export function demoPeople(): Array<PersonSeed & { unitCode?: string }> {
  const people: Array<PersonSeed & { unitCode?: string }> = [{ username: 'admin', fullName: 'Quản trị hệ thống' }];
  for (const p of SEED_PROVINCES) {
    for (const u of p.units) people.push({ username: officerUsername(u.code), fullName: u.officer, unitCode: u.code });
    people.push(...p.council.members, p.council.secretary);
  }
  return people;
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
