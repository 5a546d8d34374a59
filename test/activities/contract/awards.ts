/**
 * The activity contract (test/activities/contract.ts), the meeting and the awards: voting rounds, voters and
 * ballots, proposals and decisions (the provincial flag and the Government flag), each written twice.
 */
import type { Proposal } from '../../../contracts/cycle';
import type { ContractRun } from './run';

/** Registered in order by activitiesContract (test/activities/contract.ts). */
export function awardTests(run: ContractRun): void {
  test('openRound / recordVoter / closeRound: one round, one VoterRecord per voter, ballots written once', async () => {
    const { db, twice, cycleId, unitIds } = run;
    const round = {
      cycleId,
      contest: 'leader',
      round: 1,
      candidates: unitIds.slice(0, 3),
      seats: 1,
      eligibleVoters: unitIds.length,
      present: unitIds.length,
    };
    await twice('openRound', round);
    for (const voterKey of unitIds) await twice('recordVoter', { cycleId, contest: 'leader', round: 1, voterKey });
    const ballots = unitIds.map((_, i) => ({ choices: [unitIds[i % 3]!] }));
    await twice('closeRound', { ...round, ballots, result: { winners: [unitIds[0]] } });
    const rounds = await db.prisma.votingRound.findMany({
      where: { cycleId },
      include: { _count: { select: { voters: true, ballots: true } } },
    });
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!._count).toEqual({ voters: unitIds.length, ballots: unitIds.length });
    expect(rounds[0]!.closedAt).toBeInstanceOf(Date);
    expect(rounds[0]!.result).toEqual({ winners: [unitIds[0]] });
    // A second round of the same contest is its own row.
    await twice('openRound', { ...round, round: 2 });
    expect(await db.prisma.votingRound.count({ where: { cycleId } })).toBe(2);
  });

  const proposal = (over: Partial<Proposal> = {}): Proposal => ({
    proposalId: `${run.cycleId}:emulation-flag:${run.unitIds[0]}`,
    unitId: run.unitIds[0]!,
    awardType: 'emulation-flag',
    achievement: 'Dẫn đầu Khối thi đua Nội chính năm 2031',
    voteShare: 0.86,
    status: 'submitted',
    attempts: 1,
    ...over,
  });

  test('recordProposals / recordDecision: one Proposal per unit and award, one AwardDecision', async () => {
    const { db, twice, cycleId } = run;
    await twice('recordProposals', { cycleId, proposals: [proposal()] });
    await twice('recordProposals', {
      cycleId,
      proposals: [proposal({ status: 'returned', reason: 'Bổ sung hồ sơ', attempts: 2 })],
    });
    expect(await db.prisma.proposal.count({ where: { cycleId } })).toBe(1);
    expect(await db.prisma.proposal.findUniqueOrThrow({ where: { id: proposal().proposalId } })).toMatchObject({
      status: 'returned',
      attempts: 2,
      achievementPeriod: '2031',
    });
    const decided = proposal({
      status: 'approved',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2032-01-15',
      amountVnd: 10_530_000,
    });
    await twice('recordDecision', { cycleId, proposal: decided, coefficient: 4.5, baseSalaryVnd: 2_340_000 });
    expect(await db.prisma.awardDecision.count({ where: { proposalId: decided.proposalId } })).toBe(1);
    const p = await db.prisma.proposal.findUniqueOrThrow({
      where: { id: decided.proposalId },
      include: { decision: true },
    });
    expect(p.status).toBe('approved');
    expect(p.decision).toMatchObject({
      decisionNumber: '12/QĐ-UBND',
      amountVnd: 10_530_000,
      coefficient: 4.5,
      decisionDate: new Date('2032-01-15'),
    });
  });

  test('recordGovernmentFlagProposals / recordDecision with a signer: one government-flag Proposal per unit on its bloc cycle', async () => {
    const { db, twice, year, cycleId, unitIds } = run;
    const unitId = unitIds[1]!;
    const gov = {
      proposalId: `govflag-CT-${year}:${unitId}`,
      cycleId,
      unitId,
      achievementPeriod: String(year),
      achievement: 'Dẫn đầu Khối thi đua Nội chính',
      status: 'draft',
      reason: null,
      voteShare: null,
    };
    await twice('recordGovernmentFlagProposals', { proposals: [gov] });
    await twice('recordGovernmentFlagProposals', { proposals: [{ ...gov, status: 'selected', voteShare: 1 }] });
    expect(await db.prisma.proposal.count({ where: { cycleId, unitId, awardType: 'government-flag' } })).toBe(1);
    expect(await db.prisma.proposal.findUniqueOrThrow({ where: { id: gov.proposalId } })).toMatchObject({
      status: 'selected',
      voteShare: 1,
      achievementPeriod: String(year),
    });
    const decided = proposal({
      proposalId: gov.proposalId,
      unitId,
      awardType: 'government-flag',
      status: 'approved',
      decisionNumber: '120/QĐ-TTg',
      decisionDate: '2032-08-01',
      amountVnd: 28_080_000,
    });
    await twice('recordDecision', {
      cycleId,
      proposal: decided,
      coefficient: 12,
      baseSalaryVnd: 2_340_000,
      signer: 'Thủ tướng Chính phủ',
    });
    expect(await db.prisma.awardDecision.findUniqueOrThrow({ where: { proposalId: gov.proposalId } })).toMatchObject({
      signer: 'Thủ tướng Chính phủ',
      amountVnd: 28_080_000,
    });
  });
}
