import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import * as gf from '../contracts/government-flag';
import { RosterSchema, type Actor } from '../contracts/common';
import { reminderTimes } from '../domain/calendar';
import {
  checkSubmissionDate,
  governmentFlagHold,
  selectGovernmentFlagCandidates,
  vnDateOf,
  type GovernmentFlagHeldFrom,
  type GovernmentFlagSelectionRow,
} from '../domain/government-flag';
import { meetsThreshold } from '../domain/threshold';
import { awardAmount } from '../domain/money';
import { acts } from './activities';
import { ok, registerAct, requireBeforeDeadline, requireRole } from './act';
import { asFailure, reject } from './errors';
import {
  castGovernmentFlagVote,
  closeGovernmentFlagVote,
  getGovernmentFlag,
  holdGovernmentFlagCandidate,
  recordGovernmentFlagOutcome,
  resolveGovernmentFlagHold,
  rosterChanged,
  submitGovernmentFlag,
  type ActResult,
} from './messages';
import { shuffled } from './shuffle';

interface CandidateState extends gf.GovernmentFlagCandidate {
  status: gf.GovernmentFlagStatus;
  reason?: string;
  /** While on hold (ND 152/2025 Art. 4(4)): the status it returns to when cleared. */
  heldFrom?: GovernmentFlagHeldFrom;
  voteShare: number | null;
  rank: number | null;
  decisionNumber?: string;
  amountVnd?: number;
}

export interface GovernmentFlagResult {
  workflowId: string;
  year: number;
  quota: number;
  submission: { letterNumber: string; letterDate: string } | null;
  candidates: {
    unitId: string;
    status: gf.GovernmentFlagStatus;
    rank: number | null;
    voteShare: number | null;
    reason?: string;
    decisionNumber?: string;
    amountVnd?: number;
  }[];
}

const SIGNER = 'Thủ tướng Chính phủ';
const REASONS: Record<Exclude<GovernmentFlagSelectionRow['reason'], 'selected'>, string> = {
  belowThreshold:
    'Không đạt từ 80% phiếu đồng ý trên tổng số thành viên Hội đồng (Điều 33 khoản 5 Nghị định 152/2025/NĐ-CP).',
  overQuota: 'Vượt số lượng đề nghị tối đa 20% đơn vị dẫn đầu (Điều 7 khoản 1 Nghị định 152/2025/NĐ-CP).',
};
const ART_4_4 = 'Điều 4 khoản 4 Nghị định 152/2025/NĐ-CP';

/**
 * Government emulation flag for one province and year N (id govflag-<PROVINCE>-<N>): the provincial
 * council's secret yes/no ballot on each bloc leader, the selection (≥ 80% of all members, ≤ 20%
 * quota), the submission to the Ministry of Home Affairs by 30 June N+1 (a durable timer with
 * reminders; missing it lapses the dossier), then the Prime Minister's decision or the Ministry's return.
 * Rules live in domain/government-flag.ts; this file only sequences them.
 */
export async function governmentFlagWorkflow(raw: gf.GovernmentFlagInput): Promise<GovernmentFlagResult> {
  let input;
  try {
    input = gf.GovernmentFlagInputSchema.parse(raw);
  } catch (e) {
    asFailure(e);
  }
  const { workflowId } = workflowInfo();
  const members = input.councilMemberIds;
  // The council's secretaries and the admins: from the input, replaced by rosterChanged while the selection runs.
  let secretaryIds = input.secretaryIds;
  let adminIds = input.adminIds;
  setHandler(rosterChanged, (raw) => {
    const parsed = RosterSchema.safeParse(raw);
    if (!parsed.success) return;
    secretaryIds = parsed.data.secretaryIds;
    adminIds = parsed.data.adminIds;
  });
  const processed: Record<string, ActResult> = {};
  const candidates: CandidateState[] = input.candidates.map((c) => ({
    ...c,
    status: 'draft',
    voteShare: null,
    rank: null,
  }));
  const tallies: Record<string, { voters: string[]; box: { choices: string[] }[] }> = Object.fromEntries(
    candidates.map((c) => [c.unitId, { voters: [], box: [] }]),
  );
  let phase: gf.GovernmentFlagPhase = 'opening';
  let votedOn: string | null = null;
  let submission: { letterNumber: string; letterDate: string } | null = null;
  const find = (unitId: string) => candidates.find((c) => c.unitId === unitId);

  // Writes run one after another: a handler's writes never interleave with another's or the deadline's.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const roundOf = (c: CandidateState) => ({
    cycleId: c.cycleId,
    contest: gf.governmentFlagContest(c.proposalId),
    round: 1,
    candidates: ['yes'],
    seats: 1,
    eligibleVoters: members.length,
    present: members.length,
  });
  const persist = (list: CandidateState[]) =>
    acts.recordGovernmentFlagProposals({
      proposals: list.map((c) => ({
        proposalId: c.proposalId,
        cycleId: c.cycleId,
        unitId: c.unitId,
        achievementPeriod: String(input.year),
        achievement: c.achievement,
        status: c.status,
        reason: c.reason ?? null,
        voteShare: c.voteShare,
      })),
    });
  const closeRounds = async (rows: Record<string, unknown>) => {
    for (const c of candidates) {
      const t = tallies[c.unitId]!;
      await acts.closeRound({
        ...roundOf(c),
        present: t.voters.length,
        ballots: shuffled(t.box),
        result: rows[c.unitId] ?? null,
      });
    }
  };
  // By the workflow's own records: its secretaries, and its admins where the input names them (older histories: the claimed role).
  const requireSecretary = (actor: Actor) => {
    requireRole(actor, 'councilSecretary', 'admin');
    const admin = actor.roles.includes('admin') && (!adminIds || adminIds.includes(actor.personId));
    if (!admin && !secretaryIds.includes(actor.personId))
      reject('FORBIDDEN', 'only the secretary of this council does this');
  };

  const yesOf = (c: CandidateState) => tallies[c.unitId]!.box.filter((b) => b.choices.includes('yes')).length;
  const ballotOf = (c: CandidateState) => ({
    yes: yesOf(c),
    base: members.length,
    share: yesOf(c) / members.length,
    passes: meetsThreshold(yesOf(c), members.length, input.threshold),
  });
  /** The selection ends once nothing is left to submit or to decide, held candidates included. */
  const settle = () => {
    const waiting: gf.GovernmentFlagStatus[] =
      phase === 'submission' ? ['selected', 'onHold'] : phase === 'outcome' ? ['submitted', 'onHold'] : [];
    if (waiting.length > 0 && !candidates.some((c) => waiting.includes(c.status))) phase = 'closed';
  };
  const holdStage = () =>
    phase === 'opening' || phase === 'voting' ? 'voting' : phase === 'submission' ? 'selection' : 'submitted';

  registerAct(
    processed,
    castGovernmentFlagVote,
    gf.GovernmentFlagVoteSchema,
    (a) => {
      requireRole(a.actor, 'councilMember');
      if (!members.includes(a.actor.personId)) reject('FORBIDDEN', 'only members of this council vote');
      if (phase !== 'opening' && phase !== 'voting')
        reject('WRONG_PHASE', `the vote is ${phase === 'submission' || phase === 'outcome' ? 'closed' : phase}`);
      requireBeforeDeadline(input.deadlineAt, 'the Government-flag dossier');
      a.votes.forEach((v, i) => {
        if (!find(v.unitId)) reject('NOT_FOUND', `${v.unitId} is not a candidate`, { path: ['votes', i, 'unitId'] });
        if (find(v.unitId)!.status !== 'draft')
          reject('WRONG_PHASE', `${find(v.unitId)!.unitName} is ${find(v.unitId)!.status} (ND 152/2025 Art. 4(4))`, {
            path: ['votes', i, 'unitId'],
          });
        if (tallies[v.unitId]!.voters.includes(a.actor.personId))
          reject('ALREADY_DONE', 'you have already voted on this candidate', { path: ['votes', i, 'unitId'] });
      });
    },
    async (a) => {
      // Accepted while the ballots were still being opened: wait the moment until they are.
      await condition(() => phase !== 'opening');
      if (phase !== 'voting') reject('WRONG_PHASE', 'the vote has closed');
      if (a.votes.some((v) => tallies[v.unitId]!.voters.includes(a.actor.personId)))
        reject('ALREADY_DONE', 'you have already voted on this candidate');
      if (a.votes.some((v) => find(v.unitId)!.status !== 'draft'))
        reject('WRONG_PHASE', 'a candidate on the ballot was put on hold or disqualified (ND 152/2025 Art. 4(4))');
      for (const v of a.votes) {
        tallies[v.unitId]!.voters.push(a.actor.personId);
        tallies[v.unitId]!.box.push({ choices: v.approve ? ['yes'] : [] });
      }
      // Who voted is recorded apart from what (VoterRecord vs anonymous Ballot rows written at close).
      await serial(async () => {
        for (const v of a.votes)
          await acts.recordVoter({
            cycleId: find(v.unitId)!.cycleId,
            contest: gf.governmentFlagContest(find(v.unitId)!.proposalId),
            round: 1,
            voterKey: a.actor.personId,
          });
      });
      return ok('ballot received', { candidates: a.votes.length });
    },
  );

  registerAct(
    processed,
    closeGovernmentFlagVote,
    gf.CloseGovernmentFlagVoteSchema,
    (a) => {
      requireSecretary(a.actor);
      if (phase !== 'voting')
        reject('WRONG_PHASE', phase === 'opening' ? 'the vote has not opened yet' : 'the vote is already closed');
      requireBeforeDeadline(input.deadlineAt, 'the Government-flag dossier');
    },
    async (a) => {
      // Held or disqualified candidates (ND 152/2025 Art. 4(4)) are not counted in the selection; they stay as they are.
      const selection = selectGovernmentFlagCandidates({
        candidates: candidates
          .filter((c) => c.status === 'draft')
          .map((c) => ({ unitId: c.unitId, yes: yesOf(c), finalScore: c.finalScore })),
        councilMembers: members.length,
        threshold: input.threshold,
        quota: input.quota,
      });
      const rows: Record<string, unknown> = {};
      for (const row of selection.rows) {
        const c = find(row.unitId)!;
        Object.assign(c, {
          voteShare: row.share,
          rank: row.rank,
          status: row.selected ? 'selected' : 'rejected',
          reason: row.reason === 'selected' ? undefined : REASONS[row.reason],
        });
        rows[row.unitId] = {
          ...row,
          voted: tallies[row.unitId]!.voters.length,
          requiredVotes: selection.requiredVotes,
          quota: input.quota,
          tiedAtCut: selection.tiedAtCut,
        };
      }
      for (const c of candidates.filter((x) => !rows[x.unitId]))
        rows[c.unitId] = {
          unitId: c.unitId,
          ...ballotOf(c),
          rank: null,
          selected: false,
          reason: c.status === 'onHold' ? 'onHold' : 'disqualified',
          voted: tallies[c.unitId]!.voters.length,
          requiredVotes: selection.requiredVotes,
          quota: input.quota,
        };
      votedOn = vnDateOf(Date.now());
      phase = 'submission';
      settle();
      await serial(async () => {
        await closeRounds(rows);
        await persist(candidates);
        await acts.audit({
          action: 'governmentFlag.close',
          entity: 'province',
          entityId: input.provinceId,
          actorPersonId: a.actor.personId,
          after: {
            selected: selection.selected,
            quota: input.quota,
            requiredVotes: selection.requiredVotes,
            tiedAtCut: selection.tiedAtCut,
          },
          workflowId,
          requestId: a.requestId,
        });
        await acts.notify({
          dedupeKey: `${workflowId}:closed`,
          personIds: [...members, ...secretaryIds],
          kind: 'result',
          title: 'Kết quả bỏ phiếu đề nghị Cờ thi đua của Chính phủ',
          body:
            selection.selected.length > 0
              ? `Đề nghị: ${selection.selected.map((id) => find(id)!.unitName).join(', ')}. Hạn trình Bộ Nội vụ: ${input.deadlineDate}.`
              : 'Không đơn vị nào đạt; năm nay tỉnh không đề nghị Cờ thi đua của Chính phủ.',
        });
      });
      return ok('vote closed', {
        selected: selection.selected,
        requiredVotes: selection.requiredVotes,
        tiedAtCut: selection.tiedAtCut,
      });
    },
  );

  registerAct(
    processed,
    submitGovernmentFlag,
    gf.GovernmentFlagSubmissionSchema,
    (a) => {
      requireSecretary(a.actor);
      if (phase !== 'submission')
        reject(
          'WRONG_PHASE',
          phase === 'outcome'
            ? 'the dossier was already submitted'
            : `the Government-flag selection is in phase ${phase}`,
        );
      requireBeforeDeadline(input.deadlineAt, 'submitting the Government-flag dossier (ND 152/2025 Art. 35(1)(b))');
      checkSubmissionDate({
        year: input.year,
        letterDate: a.letterDate,
        today: vnDateOf(Date.now()),
        votedOn: votedOn!,
      });
      if (!candidates.some((c) => c.status === 'selected'))
        reject('CONFLICT', 'no selected proposal to submit: the selected leaders are on hold (ND 152/2025 Art. 4(4))');
    },
    async (a) => {
      submission = { letterNumber: a.letterNumber, letterDate: a.letterDate };
      const sent = candidates.filter((c) => c.status === 'selected');
      for (const c of sent) c.status = 'submitted';
      phase = 'outcome';
      await serial(async () => {
        await persist(sent);
        await acts.audit({
          action: 'governmentFlag.submit',
          entity: 'province',
          entityId: input.provinceId,
          actorPersonId: a.actor.personId,
          after: { ...submission, unitIds: sent.map((c) => c.unitId) },
          workflowId,
          requestId: a.requestId,
        });
        for (const c of sent)
          await acts.notify({
            dedupeKey: `${workflowId}:submitted:${c.unitId}`,
            unitIds: [c.unitId],
            cycleId: c.cycleId,
            kind: 'info',
            title: 'Hồ sơ đề nghị Cờ thi đua của Chính phủ đã trình Bộ Nội vụ',
            body: `Tờ trình số ${a.letterNumber} ngày ${a.letterDate}.`,
          });
      });
      return ok('dossier submitted to the Ministry of Home Affairs', { unitIds: sent.map((c) => c.unitId) });
    },
  );

  registerAct(
    processed,
    recordGovernmentFlagOutcome,
    gf.GovernmentFlagOutcomeSchema,
    (a) => {
      requireSecretary(a.actor);
      if (phase !== 'outcome') reject('WRONG_PHASE', `the Government-flag selection is in phase ${phase}`);
      const c = find(a.unitId);
      if (!c) reject('NOT_FOUND', `${a.unitId} is not a candidate`, { path: ['unitId'] });
      if (c.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${c.status}`);
      if (a.outcome === 'decided') {
        if (a.decisionDate! < submission!.letterDate)
          reject('VALIDATION', `the decision cannot predate the submission (${submission!.letterDate})`, {
            path: ['decisionDate'],
          });
        if (a.decisionDate! > vnDateOf(Date.now()))
          reject('VALIDATION', 'the decision cannot be dated in the future', { path: ['decisionDate'] });
        awardAmount('government-flag', 'collective', a.decisionDate!);
      }
    },
    async (a) => {
      const c = find(a.unitId)!;
      let money: ReturnType<typeof awardAmount> | undefined;
      if (a.outcome === 'decided') {
        // 12.0 × base salary on the decision date (ND 152/2025 Art. 50(2)(đ), Art. 49).
        money = awardAmount('government-flag', 'collective', a.decisionDate!);
        Object.assign(c, {
          status: 'approved',
          decisionNumber: a.decisionNumber,
          amountVnd: money.amountVnd,
          reason: undefined,
        });
      } else {
        Object.assign(c, { status: 'returned', reason: a.legalGrounds });
      }
      settle();
      await serial(async () => {
        if (money) {
          await acts.recordDecision({
            cycleId: c.cycleId,
            proposal: {
              proposalId: c.proposalId,
              unitId: c.unitId,
              awardType: 'government-flag',
              achievement: c.achievement,
              voteShare: c.voteShare,
              status: 'approved',
              attempts: 1,
              decisionNumber: a.decisionNumber,
              decisionDate: a.decisionDate,
              amountVnd: money.amountVnd,
            },
            coefficient: money.coefficient,
            baseSalaryVnd: money.baseSalaryVnd,
            signer: SIGNER,
          });
        } else {
          await persist([c]);
        }
        await acts.audit({
          action: `governmentFlag.${a.outcome}`,
          entity: 'proposal',
          entityId: c.proposalId,
          actorPersonId: a.actor.personId,
          after: {
            status: c.status,
            decisionNumber: a.decisionNumber,
            decisionDate: a.decisionDate,
            amountVnd: money?.amountVnd,
            legalGrounds: a.legalGrounds,
          },
          workflowId,
          requestId: a.requestId,
        });
        await acts.notify({
          dedupeKey: `${workflowId}:outcome:${c.unitId}`,
          unitIds: [c.unitId],
          personIds: secretaryIds,
          cycleId: c.cycleId,
          kind: 'result',
          title: money ? 'Được tặng Cờ thi đua của Chính phủ' : 'Bộ Nội vụ trả lại hồ sơ Cờ thi đua của Chính phủ',
          body: money
            ? `Quyết định số ${a.decisionNumber} ngày ${a.decisionDate}; tiền thưởng ${money.amountVnd} đồng.`
            : `Căn cứ pháp lý: ${a.legalGrounds}`,
        });
      });
      return ok(`proposal ${c.status}`, money ? { amountVnd: money.amountVnd } : undefined);
    },
  );

  // ND 152/2025 Art. 4(4): a candidate under investigation or discipline is put on hold, never rejected
  // for it; cleared → back to its status, disciplined → rejected (domain governmentFlagHold).
  registerAct(
    processed,
    holdGovernmentFlagCandidate,
    gf.GovernmentFlagHoldSchema,
    (a) => {
      requireSecretary(a.actor);
      const c = find(a.unitId);
      if (!c) reject('NOT_FOUND', `${a.unitId} is not a candidate`, { path: ['unitId'] });
      governmentFlagHold({ status: c.status, event: 'onHold', stage: holdStage() });
    },
    async (a) => {
      const c = find(a.unitId)!;
      const held = governmentFlagHold({ status: c.status, event: 'onHold', stage: holdStage() });
      Object.assign(c, {
        status: held.status,
        heldFrom: held.heldFrom,
        reason: `Tạm dừng xét (${ART_4_4}): ${a.reason}`,
      });
      await serial(async () => {
        await acts.recordHold({
          cycleId: c.cycleId,
          unitId: c.unitId,
          kind: a.kind,
          reason: a.reason,
          at: new Date(Date.now()).toISOString(),
        });
        await persist([c]);
        await acts.audit({
          action: 'governmentFlag.hold.open',
          entity: 'proposal',
          entityId: c.proposalId,
          actorPersonId: a.actor.personId,
          after: { status: c.status, heldFrom: c.heldFrom, kind: a.kind, reason: a.reason },
          workflowId,
          requestId: a.requestId,
        });
        await acts.notify({
          dedupeKey: `${workflowId}:hold:${c.unitId}:${a.requestId}`,
          unitIds: [c.unitId],
          personIds: secretaryIds,
          cycleId: c.cycleId,
          kind: 'info',
          title: 'Tạm dừng xét đề nghị Cờ thi đua của Chính phủ',
          body: c.reason!,
        });
      });
      return ok('candidate put on hold', { status: c.status });
    },
  );

  registerAct(
    processed,
    resolveGovernmentFlagHold,
    gf.ResolveGovernmentFlagHoldSchema,
    (a) => {
      requireSecretary(a.actor);
      const c = find(a.unitId);
      if (!c) reject('NOT_FOUND', `${a.unitId} is not a candidate`, { path: ['unitId'] });
      if (c.status !== 'onHold') reject('CONFLICT', `${c.unitName} is not on hold`, { path: ['unitId'] });
    },
    async (a) => {
      const c = find(a.unitId)!;
      const seatsTaken = candidates.filter(
        (x) => x.status === 'selected' || (x.status === 'onHold' && x.heldFrom === 'selected'),
      ).length;
      const next = governmentFlagHold({
        status: c.status,
        heldFrom: c.heldFrom,
        event: a.outcome === 'cleared' ? 'cleared' : 'disqualified',
        stage: holdStage(),
        ballot: { passes: ballotOf(c).passes, freeSeats: Math.max(0, input.quota - seatsTaken) },
      });
      const reasons: Record<typeof next.reason, string | undefined> = {
        ...REASONS,
        onHold: undefined,
        selected: undefined,
        resumed: undefined,
        disqualified: `Không đủ điều kiện (${ART_4_4}): ${a.reason}`,
        notSubmitted: `Hồ sơ đã trình Bộ Nội vụ khi đơn vị còn bị tạm dừng xét (${ART_4_4}).`,
      };
      Object.assign(c, { status: next.status, heldFrom: undefined, reason: reasons[next.reason] });
      if (next.reason === 'selected') c.voteShare = ballotOf(c).share;
      settle();
      await serial(async () => {
        await acts.recordHold({
          cycleId: c.cycleId,
          unitId: c.unitId,
          reason: a.reason,
          outcome: a.outcome,
          at: new Date(Date.now()).toISOString(),
        });
        await persist([c]);
        await acts.audit({
          action: `governmentFlag.hold.${a.outcome}`,
          entity: 'proposal',
          entityId: c.proposalId,
          actorPersonId: a.actor.personId,
          after: { status: c.status, reason: a.reason, verdict: next.reason },
          workflowId,
          requestId: a.requestId,
        });
        await acts.notify({
          dedupeKey: `${workflowId}:hold:${c.unitId}:${a.requestId}`,
          unitIds: [c.unitId],
          personIds: secretaryIds,
          cycleId: c.cycleId,
          kind: 'info',
          title:
            next.status === 'rejected'
              ? 'Không đề nghị Cờ thi đua của Chính phủ'
              : 'Tiếp tục xét đề nghị Cờ thi đua của Chính phủ',
          body: c.reason ?? a.reason,
        });
      });
      return ok(`hold resolved: ${a.outcome}`, { status: c.status });
    },
  );

  setHandler(getGovernmentFlag, (): gf.GovernmentFlagView => ({
    workflowId,
    provinceId: input.provinceId,
    year: input.year,
    phase,
    quota: input.quota,
    deadlineDate: input.deadlineDate,
    votedCount: new Set(Object.values(tallies).flatMap((t) => t.voters)).size,
    submission,
    candidates: candidates.map((c) => ({
      proposalId: c.proposalId,
      unitId: c.unitId,
      status: c.status,
      reason: c.reason,
      voteShare: c.voteShare,
      rank: c.rank,
      amountVnd: c.amountVnd,
    })),
  }));

  // The ballot rows exist before the first vote is applied (voter records point at them).
  await serial(async () => {
    for (const c of candidates) await acts.openRound(roundOf(c));
    await persist(candidates);
  });
  phase = 'voting';
  await acts.notify({
    dedupeKey: `${workflowId}:opened`,
    personIds: members,
    kind: 'task',
    title: `Bỏ phiếu kín đề nghị Cờ thi đua của Chính phủ năm ${input.year}`,
    body: `${candidates.length} đơn vị dẫn đầu khối; đề nghị tối đa ${input.quota}. Hạn trình Bộ Nội vụ: ${input.deadlineDate}.`,
  });

  // 30 June N+1 (ND 152/2025 Art. 35(1)(b)): reminders, then the dossier lapses — the year cannot be caught up.
  const submittedOrClosed = () => phase === 'outcome' || phase === 'closed';
  const deadline = Date.parse(input.deadlineAt);
  for (const t of reminderTimes(deadline, input.reminderOffsetsSeconds, Date.now())) {
    if (await condition(submittedOrClosed, Math.max(1, t - Date.now()))) break;
    await acts.notify({
      dedupeKey: `${workflowId}:reminder:${t}`,
      personIds: [...secretaryIds, ...(phase === 'voting' ? members : [])],
      kind: 'reminder',
      title: 'Nhắc hạn trình hồ sơ Cờ thi đua của Chính phủ',
      body: `Hạn trình Bộ Nội vụ: ${input.deadlineDate} (Điều 35 khoản 1 điểm b Nghị định 152/2025/NĐ-CP).`,
    });
  }
  if (!(await condition(submittedOrClosed, Math.max(1, deadline - Date.now())))) {
    const wasVoting = phase === 'voting';
    const lapsed = candidates.filter((c) => c.status === 'draft' || c.status === 'selected' || c.status === 'onHold');
    for (const c of lapsed)
      Object.assign(c, {
        status: 'rejected',
        reason: `Quá hạn trình Bộ Nội vụ ${input.deadlineDate} (Điều 35 khoản 1 điểm b Nghị định 152/2025/NĐ-CP).`,
      });
    phase = 'closed';
    await serial(async () => {
      if (wasVoting)
        await closeRounds(
          Object.fromEntries(
            candidates.map((c) => [c.unitId, { lapsed: true, passes: false, voted: tallies[c.unitId]!.voters.length }]),
          ),
        );
      await persist(lapsed);
      await acts.audit({
        action: 'governmentFlag.lapse',
        entity: 'province',
        entityId: input.provinceId,
        after: { unitIds: lapsed.map((c) => c.unitId), deadline: input.deadlineDate },
        workflowId,
      });
      await acts.notify({
        dedupeKey: `${workflowId}:escalation`,
        personIds: [...secretaryIds, ...members],
        kind: 'escalation',
        title: 'Quá hạn trình hồ sơ Cờ thi đua của Chính phủ',
        body: `Hồ sơ năm ${input.year} chưa trình Bộ Nội vụ trước ${input.deadlineDate}; đề nghị không còn được xét.`,
      });
    });
  }
  await condition(() => phase === 'closed');
  await queue;
  await condition(allHandlersFinished);
  return {
    workflowId,
    year: input.year,
    quota: input.quota,
    submission,
    candidates: candidates.map((c) => ({
      unitId: c.unitId,
      status: c.status,
      rank: c.rank,
      voteShare: c.voteShare,
      reason: c.reason,
      decisionNumber: c.decisionNumber,
      amountVnd: c.amountVnd,
    })),
  };
}
