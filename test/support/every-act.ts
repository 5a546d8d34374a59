/**
 * A Cần Thơ year over HTTP in which EVERY act of api/routes/acts.ts happens at least once, at a
 * moment when it is valid: plan, deadline extension, a hold put and cleared, a unit leaving, pledges
 * and their review, reports, self-scores, a deputy's score review, the meeting, a round closed early,
 * a contest with no winner after two rounds decided by head and deputy, ordinary contests, a council
 * proposal returned and resubmitted, council votes, a council vote closed by the secretary, decisions, the handover.
 *
 * The caller supplies how the cycle is started and how an act is sent, so one script serves the
 * authorisation matrix (try every other role first), the idempotency test (repeat every act) and the
 * secrecy test (inspect the ballot tables on the way).
 */
import { randomUUID } from 'node:crypto';
import type { Plan } from '../../contracts/cycle';
import { DAY, planFor, selfScoreEntries, waitFor, type BlocCast } from './scenario';
import type { CycleView } from '../../workflows/view';
import type { System } from './system';
import { castOf } from './workflow-port';

export const BLOC_CODE = 'CT-NOICHINH';
export const OTHER_BLOC_CODE = 'TN-NOICHINH';

/** The people of the authorisation matrix (seeded usernames; the Cần Thơ bloc is the one acted on). */
export const PEOPLE = {
  /** officer of a member unit that is neither head nor deputy */
  memberOfficer: 'ct.tand',
  /** officer of a unit of another bloc (Tây Ninh) */
  otherBlocOfficer: 'tn.ca',
  head: 'ct.ca',
  deputy: 'ct.vksnd',
  councilMember: 'ct.hd3',
  councilSecretary: 'ct.tk',
  /** member and secretary of ANOTHER province's council */
  otherCouncilMember: 'tn.hd3',
  otherCouncilSecretary: 'tn.tk',
  admin: 'admin',
} as const;
export type Person = keyof typeof PEOPLE;

export interface EveryActDriver {
  /** Starts the year; returns the cycle id. Must succeed. */
  start(user: string, blocId: string, body: Record<string, unknown>): Promise<string>;
  /** Sends one act; must succeed (2xx). */
  act(user: string, cycleId: string, path: string, body: Record<string, unknown>): Promise<unknown>;
}

export interface EveryActYear {
  cycleId: string;
  blocId: string;
  plan: Plan;
  cast: BlocCast;
  unitIdOf: Record<string, string>;
  /** The unit that left the bloc mid-year, the one put on hold and cleared. */
  leaver: string;
  held: string;
  /** Units in order of merit (the first gets the best self-score). */
  merit: string[];
  proposals: { proposalId: string; unitId: string; awardType: string }[];
}

/** Sends every act once with a fresh Idempotency-Key and fails on any non-2xx answer. */
export function plainDriver(sys: System): EveryActDriver {
  return {
    async start(user, blocId, body) {
      const res = await sys.call('POST', `/api/blocs/${blocId}/cycles`, { as: user, body, key: randomUUID() });
      if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.cycleId as string;
    },
    async act(user, cycleId, path, body) {
      const res = await sys.call('POST', `/api/cycles/${encodeURIComponent(cycleId)}${path}`, {
        as: user,
        body,
        key: randomUUID(),
      });
      if (res.status !== 200) throw new Error(`${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

export async function runEveryActYear(
  sys: System,
  driver: EveryActDriver,
  opts: { year?: number; log?: (line: string) => void; onVoting?: (cycleId: string) => Promise<void> } = {},
): Promise<EveryActYear> {
  const log = opts.log ?? (() => undefined);
  const year = opts.year ?? 2026;
  const { prisma } = sys.db;
  const bloc = await prisma.bloc.findUniqueOrThrow({ where: { code: BLOC_CODE } });
  const cast = await castOf(sys.db, BLOC_CODE);
  const unitIdOf = Object.fromEntries(
    (await prisma.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]),
  );
  const head = cast.officerOf[bloc.headUnitId!]!;
  const deputy = cast.officerOf[bloc.deputyUnitId!]!;
  if (head !== PEOPLE.head || deputy !== PEOPLE.deputy) throw new Error(`seed changed: head ${head}, deputy ${deputy}`);
  const leaver = unitIdOf['CT-BCHQS']!;
  const held = unitIdOf['CT-TTR']!;
  // Units of the matrix's people act last, so that the first act of each kind is someone else's.
  const peopleUnits = new Set(
    [PEOPLE.memberOfficer, PEOPLE.head, PEOPLE.deputy].map(
      (u) => Object.entries(cast.officerOf).find(([, name]) => name === u)![0],
    ),
  );
  const merit = ['CT-STP', 'CT-THADS', 'CT-TAND', 'CT-CA', 'CT-VKSND', 'CT-TTR'].map((c) => unitIdOf[c]!);

  const plan = planFor(year, Date.now(), 30 * DAY);
  const cycleId = await driver.start(head, bloc.id, { year });
  log(`started ${cycleId}`);
  const act = (user: string, path: string, body: Record<string, unknown>) => driver.act(user, cycleId, path, body);
  const view = async (): Promise<CycleView | undefined> => {
    const res = await sys.call('GET', `/api/cycles/${encodeURIComponent(cycleId)}/live`, { as: PEOPLE.admin });
    return res.status === 200 ? (res.body as CycleView) : undefined;
  };
  const until = (what: string, ok: (v: CycleView) => boolean) =>
    waitFor(what, async () => {
      const v = await view();
      return v && ok(v) ? v : undefined;
    });
  const phase = (p: CycleView['phase']) => until(`phase ${p}`, (v) => v.phase === p);
  const activeUnits = (v: CycleView) =>
    v.units
      .filter((u) => u.active)
      .map((u) => u.unitId)
      .sort((a, b) => Number(peopleUnits.has(a)) - Number(peopleUnits.has(b)));

  await phase('launch');
  await act(head, '/plan', { plan });
  await phase('pledge');
  await act(head, '/deadlines/extend', {
    phase: 'pledge',
    newDeadline: new Date(Date.parse(plan.deadlines.pledge) + 5 * DAY).toISOString(),
    reason: 'Gia hạn theo đề nghị của các đơn vị',
  });
  await act(cast.councilSecretary, '/holds', {
    unitId: held,
    kind: 'inspection',
    reason: 'Đoàn thanh tra đang làm việc tại đơn vị',
  });
  await act(cast.admin, '/holds/resolve', {
    unitId: held,
    outcome: 'cleared',
    reason: 'Kết luận thanh tra: không có vi phạm',
  });
  await act(cast.admin, '/membership/leave', {
    unitId: leaver,
    reason: 'Chuyển sang khối thi đua khác theo quyết định tổ chức lại',
  });
  let v = await until('the leaver to be inactive', (x) => x.units.some((u) => u.unitId === leaver && !u.active));
  const units = activeUnits(v);
  log(`pledge: ${units.length} members after one left`);

  for (const unitId of units) {
    await act(cast.officerOf[unitId]!, '/pledges', {
      unitId,
      targets: ['Hoàn thành xuất sắc nhiệm vụ chính trị', 'Tham gia đầy đủ hoạt động của khối'],
      titlesAimed: ['emulation-flag'],
      signedBy: 'Thủ trưởng đơn vị',
    });
    await act(head, '/pledges/review', { unitId, decision: 'accept' });
  }
  await phase('midYear');
  // The bloc report first: the phase closes with the last unit report, not before.
  await act(head, '/reports/bloc', {
    summary: 'Báo cáo sơ kết 6 tháng của khối: các đơn vị thực hiện tốt giao ước thi đua.',
  });
  for (const unitId of units)
    await act(cast.officerOf[unitId]!, '/reports/mid-year', {
      unitId,
      summary: 'Đơn vị hoàn thành tốt các chỉ tiêu 6 tháng đầu năm.',
      achievements: ['Hoàn thành 100% chỉ tiêu'],
      limitations: [],
      nextHalfTasks: ['Tiếp tục thực hiện giao ước'],
    });
  await phase('selfScoring');
  for (const unitId of units)
    await act(cast.officerOf[unitId]!, '/self-scores', {
      unitId,
      entries: selfScoreEntries(plan, 0.95 - merit.indexOf(unitId) * 0.03),
      bonusClaimed: 0,
    });
  await phase('review');
  const criterion = plan.scoringTemplate.groups[0]!.criteria[0]!;
  await act(deputy, '/scores/review', {
    unitId: merit[0],
    adjustments: [
      {
        criterionId: criterion.id,
        reviewedPoints: Math.round(criterion.maxPoints * 0.9 * 100) / 100,
        reason: 'Minh chứng chưa đầy đủ cho một chỉ tiêu',
      },
    ],
  });
  await act(head, '/scores/close-review', {});
  await phase('voting');
  // The year-end conference as a record (issue 12): scheduled, annulled, scheduled again, recorded as held.
  const conference = {
    kind: 'yearEnd',
    at: `${year + 1}-01-04T08:00:00+07:00`,
    place: 'Hội trường Công an thành phố',
    hostUnitId: bloc.headUnitId,
    chair: { name: 'Lê Văn Chủ Trì', title: 'Phó Giám đốc' },
    agenda: ['Tổng kết phong trào thi đua', 'Bình xét, suy tôn'],
  };
  await act(deputy, '/meetings/schedule', { ...conference, place: 'Phòng họp cũ' });
  await act(head, '/meetings/annul', { kind: 'yearEnd', reason: 'Đổi địa điểm tổ chức' });
  await act(head, '/meetings/schedule', conference);
  await act(head, '/meetings/record', {
    kind: 'yearEnd',
    endedAt: `${year + 1}-01-04T11:30:00+07:00`,
    attendance: units.map((unitId) => ({ unitId, people: [{ name: 'Nguyễn Đại Biểu', title: 'Phó Thủ trưởng' }] })),
  });
  await act(head, '/meeting', { presentUnitIds: units });
  await opts.onVoting?.(cycleId);

  const openRound = (contest: string, round: number) =>
    until(`${contest} round ${round}`, (x) =>
      x.contests.some((c) => c.contest === contest && c.status === 'open' && c.round === round),
    );
  // Leader: blank ballots from two thirds of those present (the Cần Thơ rule-set's early-close share), the
  // head closes round 1 early; round 2 all blank → head and deputy decide.
  await openRound('leader', 1);
  for (const voter of units.slice(0, Math.ceil((units.length * 2) / 3)))
    await act(cast.officerOf[voter]!, '/ballots', { unitId: voter, contest: 'leader', round: 1, choices: [] });
  await act(head, '/rounds/close', { contest: 'leader', round: 1 });
  await openRound('leader', 2);
  for (const voter of units)
    await act(cast.officerOf[voter]!, '/ballots', { unitId: voter, contest: 'leader', round: 2, choices: [] });
  await until('leader to await the decision', (x) =>
    x.contests.some((c) => c.contest === 'leader' && c.status === 'awaitingDecision'),
  );
  await act(head, '/contests/decide', { contest: 'leader', unitIds: [merit[0]] });
  await act(deputy, '/contests/decide', { contest: 'leader', unitIds: [merit[0]] });
  log('voting: leader decided by head and deputy');
  // The other contests by ballot: every unit votes by merit, never for itself.
  for (;;) {
    v = (await view())!;
    if (v.phase !== 'voting') break;
    const open = v.contests.find((c) => c.status === 'open');
    if (!open) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    for (const voter of units) {
      const candidates = open.candidates.filter((id) => id !== voter);
      const ranked = open.contest === 'certificate' ? merit.filter((id) => candidates.includes(id)) : candidates;
      await act(cast.officerOf[voter]!, '/ballots', {
        unitId: voter,
        contest: open.contest,
        round: open.round,
        choices: ranked.slice(0, open.seats),
      });
    }
    await until(
      `${open.contest} round ${open.round} to be counted`,
      (x) =>
        x.phase !== 'voting' ||
        x.contests.find((c) => c.contest === open.contest)!.status !== 'open' ||
        x.contests.find((c) => c.contest === open.contest)!.round !== open.round,
    );
    log(`voting: ${open.contest} round ${open.round} counted`);
  }

  v = await until('the council review to start', (x) => x.councilWorkflowId !== null && x.proposals.length > 0);
  const proposals = v.proposals.map((p) => ({ proposalId: p.proposalId, unitId: p.unitId, awardType: p.awardType }));
  const [flag, ...certificates] = proposals;
  if (!flag || flag.awardType !== 'emulation-flag' || certificates.length === 0)
    throw new Error(`unexpected proposals ${JSON.stringify(proposals)}`);
  const voteAll = async (proposalId: string) => {
    for (const member of cast.councilMembers) await act(member, '/council/votes', { proposalId, approve: true });
  };
  await voteAll(flag.proposalId);
  await act(cast.councilSecretary, '/council/decisions', {
    proposalId: flag.proposalId,
    decision: 'return',
    reason: 'Bổ sung báo cáo thành tích có xác nhận',
  });
  await act(head, '/council/resubmit', {
    proposalId: flag.proposalId,
    achievement: 'Báo cáo thành tích đã bổ sung số liệu và xác nhận của cấp trình.',
  });
  await voteAll(flag.proposalId);
  await act(cast.councilSecretary, '/council/decisions', {
    proposalId: flag.proposalId,
    decision: 'approve',
    decisionNumber: '01/QĐ-UBND',
    decisionDate: `${year + 1}-01-15`,
  });
  const [first, ...rest] = certificates;
  await voteAll(first!.proposalId);
  await act(cast.councilSecretary, '/council/decisions', {
    proposalId: first!.proposalId,
    decision: 'approve',
    decisionNumber: '02/QĐ-UBND',
    decisionDate: `${year + 1}-01-15`,
  });
  // The handover while a proposal is still before the council: the year stays open until it is decided.
  await act(head, '/handover', {});
  for (const [i, p] of rest.entries()) {
    // All members but one vote; the secretary closes the vote (the result is fixed), then decides on it.
    for (const member of cast.councilMembers.slice(0, -1))
      await act(member, '/council/votes', { proposalId: p.proposalId, approve: true });
    await act(cast.councilSecretary, '/council/close-vote', { proposalId: p.proposalId });
    await act(cast.councilSecretary, '/council/decisions', {
      proposalId: p.proposalId,
      decision: 'approve',
      decisionNumber: `0${i + 3}/QĐ-UBND`,
      decisionDate: `${year + 1}-01-15`,
    });
  }
  await phase('closed');
  // The live view says closed a moment before the projection row does: reads come from the row.
  await waitFor('the closed cycle in the database', async () =>
    (await prisma.cycle.findUnique({ where: { id: cycleId } }))?.closedAt ? true : undefined,
  );
  log('closed');
  return { cycleId, blocId: bloc.id, plan, cast, unitIdOf, leaver, held, merit, proposals };
}
