/**
 * A whole bloc-year, scripted: the same scenario drives the workflow tests (Temporal client),
 * the API end-to-end tests and `npm run demo` (HTTP). Each act names who does it (a seeded
 * username) and which act route (path of api/routes/acts.ts) it uses. It lives with the test
 * support code; `npm run demo` (scripts/demo.ts, a development tool run by tsx and left out of
 * the production build) imports it from here.
 */
import { randomUUID } from 'node:crypto';
import { PHASES, type Plan } from '../../contracts/cycle';
import type { ActResult } from '../../workflows/messages';
import type { CycleView } from '../../workflows/view';
import { defaultScoringTemplate } from '../../domain/scoring';

export interface CyclePort {
  act(username: string, path: string, body: Record<string, unknown>, requestId?: string): Promise<ActResult>;
  view(): Promise<CycleView>;
  /** Lets timers fire: time skipping in tests, real waiting in the demo. */
  sleep(ms: number): Promise<void>;
}

export interface BlocCast {
  /** username of each unit's officer, by unit id */
  officerOf: Record<string, string>;
  councilMembers: string[];
  councilSecretary: string;
  admin: string;
}

export const DAY = 86_400_000;

/** A phase length for tests whose deadlines pass in real time (no time skip): room for a loaded machine's acts. */
export const REAL_TIME_STEP_MS = 25_000;

/** Deadlines spaced `stepMs` apart from `startMs` (a year in production, seconds in the demo). */
export function planFor(year: number, startMs: number, stepMs: number, reminderOffsetsSeconds?: number[]): Plan {
  const at = (n: number) => new Date(startMs + n * stepMs).toISOString();
  return {
    theme: `Đoàn kết, kỷ cương, đổi mới, hoàn thành xuất sắc nhiệm vụ năm ${year}`,
    slogan: 'Thi đua là yêu nước, yêu nước thì phải thi đua',
    targets: ['Hoàn thành 100% chỉ tiêu được giao', 'Không có cán bộ vi phạm kỷ luật'],
    scoringTemplate: defaultScoringTemplate(),
    deadlines: {
      pledge: at(1),
      midYear: at(2),
      selfScoring: at(3),
      review: at(4),
      voting: at(5),
      council: at(6),
      handover: at(7),
    },
    ...(reminderOffsetsSeconds ? { reminderOffsetsSeconds } : {}),
  };
}

export async function waitForPhase(port: CyclePort, phase: CycleView['phase'], timeoutMs = 30_000): Promise<CycleView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await port.view();
    if (v.phase === phase) return v;
    if (Date.now() > until) throw new Error(`cycle stayed in ${v.phase}, expected ${phase}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const act = (port: CyclePort, user: string, path: string, body: Record<string, unknown>) =>
  port.act(user, path, body, randomUUID());

/** The given units pledge (a minimal pledge) and the head accepts each: the pledge phase without the late ones. */
export async function pledgeAndAccept(port: CyclePort, cast: BlocCast, head: string, unitIds: string[]): Promise<void> {
  for (const unitId of unitIds) {
    await act(port, cast.officerOf[unitId]!, '/pledges', {
      unitId,
      targets: ['Hoàn thành nhiệm vụ'],
      signedBy: 'Thủ trưởng',
    });
    await act(port, head, '/pledges/review', { unitId, decision: 'accept' });
  }
}

/** Scores that rank units in the given order (first = best): every criterion at a share of its maximum. */
export function selfScoreEntries(plan: Plan, share: number) {
  return plan.scoringTemplate.groups.flatMap((g) =>
    g.criteria.map((c) => ({
      criterionId: c.id,
      points: Math.round(c.maxPoints * share * 100) / 100,
      evidence: c.evidenceRequired ? [`minh-chung-${c.id}.pdf`] : [],
    })),
  );
}

export interface YearOptions {
  /** unit ids in order of merit: the first gets the best self-score */
  merit: string[];
  /** votes: unit id → the unit it votes for as leader (defaults to the best-scored unit) */
  leaderVotes?: (voter: string, candidates: string[]) => string[];
  certificateVotes?: (voter: string, candidates: string[], seats: number) => string[];
  log?: (line: string) => void;
}

/** Has the cycle not yet gone past `phase`? Lets a script resume a year part-way through. */
const upTo = (v: CycleView, phase: CycleView['phase']) => PHASES.indexOf(v.phase) <= PHASES.indexOf(phase);

/** Launch → pledge → mid-year → self-score → review, from wherever the cycle is. Leaves it in the voting phase. */
export async function runToVoting(port: CyclePort, cast: BlocCast, plan: Plan, opts: YearOptions): Promise<CycleView> {
  const log = opts.log ?? (() => undefined);
  let v = await port.view();
  const head = cast.officerOf[v.actingHeadUnitId]!;
  const units = v.units.filter((u) => u.active).map((u) => u.unitId);
  if (v.phase === 'launch') {
    await act(port, head, '/plan', { plan });
    log(`launch: plan published by ${head}`);
  }
  if (upTo(v, 'pledge')) {
    v = await waitForPhase(port, 'pledge');
    for (const u of v.units.filter((x) => x.active && x.pledge !== 'accepted')) {
      if (u.pledge !== 'submitted')
        await act(port, cast.officerOf[u.unitId]!, '/pledges', {
          unitId: u.unitId,
          targets: ['Hoàn thành xuất sắc nhiệm vụ chính trị', 'Tham gia đầy đủ hoạt động của khối'],
          titlesAimed: ['emulation-flag'],
          signedBy: 'Thủ trưởng đơn vị',
        });
      await act(port, head, '/pledges/review', { unitId: u.unitId, decision: 'accept' });
    }
    log(`pledge: ${units.length} units signed`);
  }
  if (upTo(v, 'midYear')) {
    v = await waitForPhase(port, 'midYear');
    for (const u of v.units.filter((x) => x.active && x.midYear === 'none')) {
      await act(port, cast.officerOf[u.unitId]!, '/reports/mid-year', {
        unitId: u.unitId,
        summary: 'Đơn vị hoàn thành tốt các chỉ tiêu 6 tháng đầu năm.',
        achievements: ['Hoàn thành 100% chỉ tiêu'],
        limitations: [],
        nextHalfTasks: ['Tiếp tục thực hiện giao ước'],
      });
    }
    await act(port, head, '/reports/bloc', {
      summary: 'Báo cáo sơ kết 6 tháng của khối: các đơn vị thực hiện tốt giao ước thi đua.',
    });
    log('mid-year: all units reported, bloc report compiled');
  }
  if (upTo(v, 'selfScoring')) {
    v = await waitForPhase(port, 'selfScoring');
    for (const u of v.units.filter((x) => x.active && x.selfScore === 'none')) {
      const rank = opts.merit.indexOf(u.unitId);
      const share = rank < 0 ? 0.7 : 0.95 - rank * 0.03;
      await act(port, cast.officerOf[u.unitId]!, '/self-scores', {
        unitId: u.unitId,
        entries: selfScoreEntries(plan, share),
        bonusClaimed: 0,
      });
    }
    log('self-scoring: all units submitted');
  }
  if (upTo(v, 'review')) {
    await waitForPhase(port, 'review');
    await act(port, head, '/scores/close-review', {});
    log('review: closed; final scores published');
  }
  return waitForPhase(port, 'voting');
}

/** The year-end meeting: everyone present, each contest voted until decided. */
export async function runVoting(
  port: CyclePort,
  cast: BlocCast,
  opts: YearOptions,
  present?: string[],
): Promise<CycleView> {
  const log = opts.log ?? (() => undefined);
  let v = await port.view();
  const head = cast.officerOf[v.actingHeadUnitId]!;
  const attendees = present ?? v.units.filter((u) => u.active).map((u) => u.unitId);
  await act(port, head, '/meeting', { presentUnitIds: attendees });
  log(`voting: meeting opened with ${attendees.length} units present`);
  for (;;) {
    v = await port.view();
    if (v.phase !== 'voting') return v;
    const open = v.contests.find((c) => c.status === 'open');
    if (!open) {
      await port.sleep(50);
      continue;
    }
    const round = open.round;
    for (const voter of attendees) {
      // Default ballots follow merit and never name the voter's own unit (some blocs forbid it).
      const others = (ids: string[]) => ids.filter((id) => id !== voter);
      const byMerit = others(opts.merit.filter((id) => open.candidates.includes(id)));
      const choices =
        open.contest === 'leader'
          ? (opts.leaderVotes?.(voter, open.candidates) ?? byMerit.slice(0, 1))
          : open.contest === 'certificate'
            ? (opts.certificateVotes?.(voter, open.candidates, open.seats) ?? byMerit.slice(0, open.seats))
            : open.contest === 'nextHead'
              ? others(open.candidates)
                  .filter((id) => id !== v.headUnitId)
                  .slice(0, 1)
              : others(open.candidates).slice(0, 1);
      await act(port, cast.officerOf[voter]!, '/ballots', { unitId: voter, contest: open.contest, round, choices });
    }
    await waitFor(`${open.contest} round ${round} to close`, async () => {
      const now = await port.view();
      const c = now.contests.find((x) => x.contest === open.contest)!;
      return now.phase !== 'voting' || c.status !== 'open' || c.round !== round ? now : undefined;
    });
    log(`voting: ${open.contest} round ${round} counted`);
  }
}

/** Council votes and approves every proposal; the head records the handover. */
export async function runCouncilAndHandover(
  port: CyclePort,
  cast: BlocCast,
  opts: { decisionDate: string; log?: (l: string) => void },
): Promise<CycleView> {
  const log = opts.log ?? (() => undefined);
  const v = await waitFor('the council review to start', async () => {
    const now = await port.view();
    return now.councilWorkflowId ? now : undefined;
  });
  const head = cast.officerOf[v.actingHeadUnitId]!;
  for (const [i, p] of v.proposals.entries()) {
    if (p.status !== 'submitted') continue;
    for (const member of cast.councilMembers)
      await act(port, member, '/council/votes', { proposalId: p.proposalId, approve: true });
    await act(port, cast.councilSecretary, '/council/decisions', {
      proposalId: p.proposalId,
      decision: 'approve',
      decisionNumber: `${String(i + 1).padStart(2, '0')}/QĐ-UBND`,
      decisionDate: opts.decisionDate,
    });
    log(`council: ${p.awardType} for ${p.unitId} approved`);
  }
  await act(port, head, '/handover', {});
  log('handover: recorded');
  return v;
}
