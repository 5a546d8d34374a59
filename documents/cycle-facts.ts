/**
 * The facts of a bloc year that its documents are built from: the database projection the workflows write (Cycle,
 * ScoreSummary, VotingRound + VoterRecord + Ballot, Proposal, AwardDecision, Handover, the audit log) and the
 * registry (Province, Bloc, Unit, Person, Council, RuleSet), loaded once per document (`context`), with the names
 * the documents print (province level and place, the bloc's abbreviation, award forms).
 * Missing facts never give a broken document: they throw a DomainError (WRONG_PHASE / CONFLICT → 409,
 * NOT_FOUND → 404) saying what is missing.
 */
import type { Db, PrismaClient } from '../db';
import { PHASES, type Phase } from '../contracts/cycle';
import { DomainError } from '../domain/errors';
import type { AwardType } from '../domain/eligibility';
import {
  AUTHORITY_TITLES_VI,
  awardCatalogueOf,
  awardOfContest,
  BlocLevelSchema,
  type AwardCatalogueEntry,
  type BlocLevel,
} from '../domain/award-catalogue';
import { RuleSetSchema, type RuleSet } from '../domain/ruleset';
import { upperVn } from './format';

export const BLOC_CONTESTS = ['leader', 'certificate', 'nextHead', 'nextDeputy'] as const;

export type BlocContest = (typeof BLOC_CONTESTS)[number];

/** The bloc's level and, below the province, its awarding body and head (Bloc.level, domain/award-catalogue.ts). */
export function blocLevelOf(ctx: Ctx): { level: BlocLevel; authorityName: string | null; signerName: string | null } {
  const b = ctx.cycle.bloc;
  const level = BlocLevelSchema.safeParse(b.level);
  return { level: level.success ? level.data : 'province', authorityName: b.authorityName, signerName: b.signerName };
}

/** The award a contest of this bloc proposes: its level's entry in the rule-set's award catalogue. */
export function contestAward(ctx: Ctx, contest: BlocContest): AwardType | undefined {
  if (contest !== 'leader' && contest !== 'certificate') return undefined;
  return awardOfContest(awardCatalogueOf(ctx.ruleSet, blocLevelOf(ctx).level), contest);
}

/** The catalogue entry of an award kind for this bloc (who signs it, which council), if the catalogue has it. */
export function catalogueEntry(ctx: Ctx, type: string): AwardCatalogueEntry | undefined {
  return awardCatalogueOf(ctx.ruleSet, blocLevelOf(ctx).level).find((e) => e.awardType === type);
}

/** An award's name in this bloc's documents: a Giấy khen names its signer (`Giấy khen của Giám đốc Sở Tư pháp`). */
export function awardNameIn(ctx: Ctx, type: string): string {
  const { authorityName } = blocLevelOf(ctx);
  const e = catalogueEntry(ctx, type);
  if (type === 'certificate-of-commendation' && authorityName && e && e.authority !== 'provinceChairman')
    return `Giấy khen của ${AUTHORITY_TITLES_VI[e.authority].position} ${authorityName}`;
  return awardName(type, ctx.level);
}

// ---------------------------------------------------------------- small helpers

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('CONFLICT', message, details);

export function phaseAtLeast(phase: string, min: Phase): boolean {
  const i = PHASES.indexOf(phase as Phase);
  return i >= 0 && i >= PHASES.indexOf(min);
}

export function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** `Thành phố Cần Thơ` → level `thành phố`, place `Cần Thơ`; `Tỉnh Tây Ninh` → `tỉnh`, `Tây Ninh`. */
export function provinceParts(provinceName: string): { level: string; place: string } {
  const name = provinceName.normalize('NFC').trim();
  const m = /^(thành phố|tỉnh)\s+(.+)$/iu.exec(name);
  if (!m) return { level: '', place: name };
  const level = m[1]!.toLocaleLowerCase('vi-VN');
  const rest = m[2]!.trim();
  // A unit named after a person is written in full (ND30 PL I II.4.a).
  return { level, place: rest === 'Hồ Chí Minh' ? `Thành phố ${rest}` : rest };
}

/** The People's Committee of a province: `Ủy ban nhân dân thành phố Cần Thơ` (from `provinceParts`). */
export function peoplesCommittee(level: string, place: string): string {
  return `Ủy ban nhân dân ${level} ${place}`.replace(/\s+/gu, ' ');
}

/**
 * The bloc's abbreviation in document symbols: `K` + initials of its distinctive name
 * (`Khối thi đua Nội chính thành phố Cần Thơ` → `KNC`), digits kept (`Khối thi đua số 3` → `K3`);
 * the bloc code when no name part is left.
 */
export function blocAbbreviation(blocName: string, provinceName: string, blocCode: string): string {
  const { level, place } = provinceParts(provinceName);
  let core = blocName
    .normalize('NFC')
    .trim()
    .replace(/^khối thi đua\s*/iu, '');
  const tail = `${level} ${place}`.trim().toLocaleLowerCase('vi-VN');
  if (tail && core.toLocaleLowerCase('vi-VN').endsWith(tail)) core = core.slice(0, core.length - tail.length).trim();
  const words = core.split(/\s+/u).filter((w) => w.length > 0 && w.toLocaleLowerCase('vi-VN') !== 'số');
  const initials = words.map((w) => (/^\d+$/u.test(w) ? w : upperVn(w.charAt(0)))).join('');
  const abbr = `K${initials}`;
  if (initials && /^[\p{Lu}\d]+$/u.test(abbr)) return abbr;
  return (
    blocCode
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'KHOI'
  );
}

/** Award forms as written in the documents, for a city (`thành phố`) or a province (`tỉnh`). */
export function awardName(type: string, level: string): string {
  const ubnd = `Ủy ban nhân dân ${level}`.trim();
  switch (type as AwardType) {
    case 'emulation-flag':
      return `Cờ thi đua của ${ubnd}`;
    case 'certificate-of-merit':
      return `Bằng khen của Chủ tịch ${ubnd}`;
    case 'government-flag':
      return 'Cờ thi đua của Chính phủ';
    case 'excellent-labour-collective':
      return 'Danh hiệu Tập thể lao động xuất sắc';
    case 'certificate-of-commendation':
      return 'Giấy khen';
    default:
      return type;
  }
}

// ---------------------------------------------------------------- loading the facts

async function loadCycle(prisma: PrismaClient, cycleId: string) {
  const cycle = await prisma.cycle.findUnique({
    where: { id: cycleId },
    include: {
      bloc: {
        include: {
          province: true,
          memberships: { include: { unit: true }, orderBy: [{ joinedOn: 'asc' }, { createdAt: 'asc' }] },
        },
      },
      scoreSummaries: true,
      votingRounds: {
        include: { voters: { select: { voterKey: true } }, _count: { select: { ballots: true } } },
        orderBy: [{ contest: 'asc' }, { round: 'asc' }],
      },
      proposals: { include: { unit: true, decision: true }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!cycle) throw new DomainError('NOT_FOUND', `no cycle ${cycleId}`);
  return cycle;
}

export type LoadedCycle = Awaited<ReturnType<typeof loadCycle>>;

export interface Ctx {
  prisma: PrismaClient;
  cycle: LoadedCycle;
  ruleSet: RuleSet;
  level: string;
  place: string;
  blocName: string;
  abbr: string;
  parentBody: string;
  issuingBody: string;
  unitName: (id: string) => string;
}

export async function context(db: Db, cycleId: string): Promise<Ctx> {
  const { prisma } = db;
  const cycle = await loadCycle(prisma, cycleId);
  const row = await prisma.ruleSet.findUnique({
    where: { code_version: { code: cycle.ruleSetCode, version: cycle.ruleSetVersion } },
  });
  if (!row)
    throw new DomainError(
      'NO_RULESET',
      `the rule-set ${cycle.ruleSetCode} v${cycle.ruleSetVersion} of this cycle is not in the registry`,
    );
  const parsed = RuleSetSchema.safeParse(row.body);
  if (!parsed.success)
    throw new DomainError('NO_RULESET', `the rule-set ${cycle.ruleSetCode} v${cycle.ruleSetVersion} is not readable`);
  const province = cycle.bloc.province;
  const { level, place } = provinceParts(province.name);
  const blocName = cycle.bloc.name.normalize('NFC').trim();
  const upperBloc = upperVn(blocName);
  const tail = upperVn(`${level} ${place}`.trim());
  const names = new Map(cycle.bloc.memberships.map((m) => [m.unitId, m.unit.name]));
  for (const p of cycle.proposals) names.set(p.unitId, p.unit.name);
  return {
    prisma,
    cycle,
    ruleSet: parsed.data,
    level,
    place,
    blocName,
    abbr: blocAbbreviation(blocName, province.name, cycle.bloc.code),
    parentBody: `UBND ${upperVn(province.name)}`,
    // The place part of a long bloc name goes on its own line (PL I II.2.b: long names may wrap).
    issuingBody:
      tail && upperBloc.endsWith(` ${tail}`)
        ? `${upperBloc.slice(0, upperBloc.length - tail.length - 1)}\n${tail}`
        : upperBloc,
    unitName: (id) => names.get(id) ?? id,
  };
}

export async function councilOf(ctx: Ctx) {
  return ctx.prisma.council.findFirst({
    where: { provinceId: ctx.cycle.bloc.provinceId },
    include: { members: { include: { person: true } } },
    orderBy: { createdAt: 'asc' },
  });
}
