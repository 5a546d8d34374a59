/**
 * Past years' results into the history the system already reads: each imported bloc-year is a closed Cycle row
 * `imported-<BLOC>-<YEAR>` (head, deputy, `result.imported`), its ranking ScoreSummary rows, its awards approved
 * Proposals with their AwardDecision (number, date, signer, money as recorded), and a Handover per year (outgoing
 * head → next year's head and deputy, policy `imported`). So the unit and bloc history endpoints show them, and the
 * rotation's look-back (api/cycle-input.ts `recentHeads`, read from the bloc's handovers → domain/rotation.ts
 * "not twice in a row") sees the imported heads from day one. Any year before the current one is accepted,
 * 1990 and later; a year the system itself ran keeps its own records.
 */
import type { AwardType } from '../../domain/eligibility';
import { day } from '../routes/admin/shared';
import type { ImportRun, Outcome, Parsed } from './run';

type HistoryRow = {
  year: number;
  blocCode: string;
  unitCode: string;
  role: 'head' | 'deputy' | 'member';
  rank?: number;
  score?: number;
  awardType?: AwardType;
  decisionNumber?: string;
  decisionDate?: string;
  signer?: string;
  amountVnd?: number;
};

export const IMPORTED_PREFIX = 'imported-';
export const importedCycleId = (blocCode: string, year: number) => `${IMPORTED_PREFIX}${blocCode}-${year}`;
const DEFAULT_SIGNER = 'Chủ tịch UBND tỉnh';

const worse = (a: Outcome, b: Outcome): Outcome =>
  a === 'created' || b === 'created' ? 'created' : a === 'updated' || b === 'updated' ? 'updated' : 'unchanged';

export async function importHistory(run: ImportRun, rows: Parsed[]): Promise<void> {
  const groups = new Map<string, Parsed<HistoryRow>[]>();
  for (const row of rows as Parsed<HistoryRow>[]) {
    const k = `${row.v.blocCode}/${row.v.year}`;
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  const blocsTouched = new Set<string>();
  const thisYear = Number(run.opts.today.slice(0, 4));
  for (const group of groups.values()) {
    const { year, blocCode } = group[0]!.v;
    const units = new Map<Parsed<HistoryRow>, string>();
    let blocId: string | undefined;
    for (const row of group) {
      const { raw, v } = row;
      if (v.year >= thisYear) run.fail(raw, 'year', `only past years are history: ${v.year} runs as a cycle`);
      const bloc = await run.bloc(raw, 'blocCode', v.blocCode);
      const unit = await run.unit(raw, 'unitCode', v.unitCode, { dissolved: true });
      if (bloc) blocId = bloc.id;
      if (unit) units.set(row, unit.id);
    }
    if (!blocId) continue;
    const ran = await run.tx.cycle.findFirst({ where: { blocId, year, id: { not: { startsWith: IMPORTED_PREFIX } } } });
    const failAll = (field: string, message: string) => group.forEach((r) => run.fail(r.raw, field, message));
    if (ran) {
      failAll('year', `${year} of ${blocCode} ran in the system (${ran.id}): its results are already history`);
      continue;
    }
    const heads = group.filter((r) => r.v.role === 'head');
    const deputies = group.filter((r) => r.v.role === 'deputy');
    if (heads.length !== 1 || deputies.length !== 1) {
      failAll(
        'role',
        `${year} of ${blocCode} needs one head and one deputy (rows give ${heads.length} and ${deputies.length})`,
      );
      continue;
    }
    // Several rows of one unit (several awards) must agree on its rank and score.
    const byUnit = new Map<string, Parsed<HistoryRow>>();
    for (const row of group) {
      const first = byUnit.get(row.v.unitCode);
      if (first && row.v.rank !== undefined && (first.v.rank !== row.v.rank || first.v.score !== row.v.score))
        run.fail(row.raw, 'rank', `row ${first.raw.row} gives this unit another rank or score`);
      else if (!first) byUnit.set(row.v.unitCode, row);
    }
    if (group.some((r) => run.failed(r.raw))) {
      // A bloc-year is imported whole or not at all: its head, deputy and ranking belong together.
      group
        .filter((r) => !run.failed(r.raw))
        .forEach((r) => run.fail(r.raw, null, `another row of ${year} of ${blocCode} failed`));
      continue;
    }
    const bloc = (await run.tx.bloc.findUnique({ where: { id: blocId } }))!;
    const headUnitId = units.get(heads[0]!)!;
    const deputyUnitId = units.get(deputies[0]!)!;
    const id = importedCycleId(blocCode, year);
    const existing = await run.tx.cycle.findUnique({ where: { id } });
    let cycleOutcome: Outcome = 'unchanged';
    if (!existing) {
      await run.tx.cycle.create({
        data: {
          id,
          blocId,
          year,
          phase: 'closed',
          headUnitId,
          deputyUnitId,
          ruleSetCode: bloc.ruleSetCode,
          ruleSetVersion: 0,
          deadlines: {},
          startedAt: day(`${year}-01-01`),
          closedAt: day(`${year}-12-31`),
          result: { imported: true },
        },
      });
      cycleOutcome = 'created';
    } else if (existing.headUnitId !== headUnitId || existing.deputyUnitId !== deputyUnitId) {
      await run.tx.cycle.update({ where: { id }, data: { headUnitId, deputyUnitId } });
      cycleOutcome = 'updated';
    }
    blocsTouched.add(blocId);
    for (const row of group) {
      const unitId = units.get(row)!;
      let outcome: Outcome = row.v.role === 'member' ? 'unchanged' : cycleOutcome;
      if (row.v.rank !== undefined && byUnit.get(row.v.unitCode) === row)
        outcome = worse(outcome, await summary(run, id, unitId, row.v.rank, row.v.score!));
      if (row.v.awardType) outcome = worse(outcome, await award(run, id, unitId, row.v));
      if (cycleOutcome === 'created') outcome = 'created';
      run.done(row.raw, outcome);
    }
  }
  for (const blocId of blocsTouched) await handovers(run, blocId);
}

async function summary(run: ImportRun, cycleId: string, unitId: string, rank: number, score: number): Promise<Outcome> {
  const have = await run.tx.scoreSummary.findUnique({ where: { cycleId_unitId: { cycleId, unitId } } });
  const data = { selfTotal: score, reviewedTotal: score, finalTotal: score, tasksGroupScore: 0, rank };
  if (have && have.rank === rank && have.finalTotal === score) return 'unchanged';
  await run.tx.scoreSummary.upsert({
    where: { cycleId_unitId: { cycleId, unitId } },
    create: { cycleId, unitId, ...data },
    update: data,
  });
  return have ? 'updated' : 'created';
}

async function award(run: ImportRun, cycleId: string, unitId: string, v: HistoryRow): Promise<Outcome> {
  const key = { cycleId_unitId_awardType: { cycleId, unitId, awardType: v.awardType! } };
  const have = await run.tx.proposal.findUnique({ where: key, include: { decision: true } });
  const decision = {
    decisionNumber: v.decisionNumber!,
    decisionDate: day(v.decisionDate!),
    signer: v.signer ?? DEFAULT_SIGNER,
    amountVnd: v.amountVnd ?? 0,
  };
  const d = have?.decision;
  if (
    d &&
    d.decisionNumber === decision.decisionNumber &&
    d.decisionDate.getTime() === decision.decisionDate.getTime() &&
    d.signer === decision.signer &&
    d.amountVnd === decision.amountVnd
  )
    return 'unchanged';
  const proposal =
    have ??
    (await run.tx.proposal.create({
      data: {
        cycleId,
        unitId,
        awardType: v.awardType!,
        achievementPeriod: String(v.year),
        status: 'approved',
        attempts: 1,
      },
    }));
  // The money as the decision recorded it; the coefficient and base salary of past decrees are not re-derived.
  await run.tx.awardDecision.upsert({
    where: { proposalId: proposal.id },
    create: { proposalId: proposal.id, ...decision, coefficient: 0, baseSalaryVnd: 0 },
    update: decision,
  });
  return have ? 'updated' : 'created';
}

/**
 * A handover per imported year: its head hands over to the next year's head and deputy (the next year's cycle,
 * imported or run, else the bloc's recognised head and deputy). A handover the system recorded is never replaced.
 */
async function handovers(run: ImportRun, blocId: string): Promise<void> {
  const bloc = (await run.tx.bloc.findUnique({ where: { id: blocId } }))!;
  const cycles = await run.tx.cycle.findMany({ where: { blocId }, orderBy: { year: 'asc' } });
  for (const c of cycles) {
    if (!c.id.startsWith(IMPORTED_PREFIX)) continue;
    const next = cycles.find((x) => x.year === c.year + 1);
    const newHead = next?.headUnitId ?? bloc.headUnitId;
    const newDeputy = next?.deputyUnitId ?? bloc.deputyUnitId;
    if (!newHead || !newDeputy) continue;
    const have = await run.tx.handover.findUnique({ where: { blocId_fromYear: { blocId, fromYear: c.year } } });
    if (have && have.policy !== 'imported') continue;
    const data = { outgoingHeadUnitId: c.headUnitId, newHeadUnitId: newHead, newDeputyUnitId: newDeputy };
    if (have && Object.entries(data).every(([k, v]) => have[k as keyof typeof data] === v)) continue;
    await run.tx.handover.upsert({
      where: { blocId_fromYear: { blocId, fromYear: c.year } },
      create: {
        blocId,
        fromYear: c.year,
        toYear: c.year + 1,
        policy: 'imported',
        recordedAt: day(`${c.year}-12-31`),
        ...data,
      },
      update: data,
    });
  }
}
