/**
 * Documents built from a REAL year: the Cần Thơ 7-unit bloc runs a whole cycle on the time-skipping
 * Temporal server with real activities writing a migrated, seeded SQLite file; the documents are then
 * loaded from that database (documents/from-cycle.ts) and rendered. Every figure asserted here is
 * read back from the rows the workflow wrote (VotingRound results, ScoreSummary, AwardDecision).
 *
 * The year: Thi hành án dân sự is absent from the meeting (6/7 present); the bloc's rule-set v3
 * (in force from 2026) elects with ≥ 40% of valid ballots, so the certificate contest (2 seats) has
 * one clear winner in round 1 and a run-off for the second seat in round 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../domain/errors';
import { renderDocx, renderPdf } from '../../documents';
import { awardName, blocAbbreviation, provinceParts } from '../../documents/cycle-facts';
import { loadDocumentData, type CycleDocumentData } from '../../documents/from-cycle';
import { parseDecisionNumber } from '../../documents/numbering';
import { formatShare, formatVndPlain } from '../../documents/format';
import { DOCUMENT_SCHEMAS } from '../../documents/registry';
import { runToVoting, runVoting, waitFor } from '../support/scenario';
import type { CycleResult } from '../../workflows/cycle';
import { useCycleHarness } from '../workflows/harness';
import { docxDocumentXml, docxParagraphs, pdfToText, POPPLER, rasterPage, squash, testPdfOptions } from './helpers';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'documents');

jest.setTimeout(150_000);

const h = useCycleHarness(2040);

interface StoredRound {
  contest: string;
  round: number;
  present: number;
  candidates: string[];
  result: {
    base: number;
    counts: Record<string, number>;
    validBallots: number;
    invalidBallots: number;
    winners: string[];
    outcome: string;
  };
}

const docxText = async (kind: keyof CycleDocumentData, data: CycleDocumentData[keyof CycleDocumentData]) =>
  docxParagraphs(docxDocumentXml(await renderDocx({ kind, data } as never)));

/** A table row of the DOCX: consecutive cell paragraphs. */
function hasRow(paras: string[], cells: string[]): boolean {
  return paras.some((_, i) => cells.every((c, j) => paras[i + j] === c));
}

test('pure helpers: province, bloc abbreviation, award names, decision numbers', () => {
  expect(provinceParts('Thành phố Cần Thơ')).toEqual({ level: 'thành phố', place: 'Cần Thơ' });
  expect(provinceParts('Tỉnh Tây Ninh')).toEqual({ level: 'tỉnh', place: 'Tây Ninh' });
  expect(provinceParts('Thành phố Hồ Chí Minh').place).toBe('Thành phố Hồ Chí Minh');
  expect(blocAbbreviation('Khối thi đua Nội chính thành phố Cần Thơ', 'Thành phố Cần Thơ', 'CT-NOICHINH')).toBe('KNC');
  expect(blocAbbreviation('Khối thi đua số 3', 'Tỉnh Tây Ninh', 'TN-3')).toBe('K3');
  expect(blocAbbreviation('Khối thi đua', 'Tỉnh Tây Ninh', 'tn-x')).toBe('TN-X');
  expect(awardName('emulation-flag', 'thành phố')).toBe('Cờ thi đua của Ủy ban nhân dân thành phố');
  expect(awardName('certificate-of-merit', 'tỉnh')).toBe('Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh');
  expect(parseDecisionNumber('01/QĐ-UBND')).toEqual({ number: 1, issuerAbbr: 'UBND' });
  expect(parseDecisionNumber('125/QĐ-UBND-VX')).toEqual({ number: 125, issuerAbbr: 'UBND-VX' });
});

test('a real year: minutes, ballot count, proposal letter and decisions carry the data the workflow recorded', async () => {
  const { db, units, cast } = h;
  // The bloc adopts a new rule-set version for 2026 onwards: ≥ 40% of valid ballots elects (version 3: the seed
  // ships 1 and 2, the ND 98/2023 version for 2024 – 30/6/2025).
  const v1 = await db.prisma.ruleSet.findUniqueOrThrow({ where: { code_version: { code: 'can-tho', version: 1 } } });
  const body = v1.body as Record<string, unknown> & { voting: Record<string, unknown> };
  await db.prisma.ruleSet.create({
    data: {
      code: 'can-tho',
      version: 3,
      scope: v1.scope,
      provinceId: v1.provinceId,
      effectiveFrom: new Date('2026-01-01T00:00:00Z'),
      body: {
        ...body,
        version: 3,
        effectiveFrom: '2026-01-01',
        voting: { ...body.voting, threshold: { ratio: 0.4, base: 'validBallots', strict: false } },
      },
    },
  });

  const { port, plan, handle, workflowId, year, input } = await h.startYear();
  expect(input.ruleSet.version).toBe(3);
  await runToVoting(port, cast, plan, { merit: h.merit() });

  // Before the vote is over there are no meeting documents: a clear 409-style error, no number given out.
  const early = await loadDocumentData(db, workflowId, 'minutes').catch((e: unknown) => e);
  expect(early).toBeInstanceOf(DomainError);
  expect(early).toMatchObject({ code: 'WRONG_PHASE', message: expect.stringContaining('the vote is not closed yet') });
  await expect(loadDocumentData(db, workflowId, 'proposal')).rejects.toMatchObject({ code: 'WRONG_PHASE' });
  expect(await db.prisma.documentCounter.count()).toBe(0);

  const [TTR, CA, VKS, TAND, BCHQS, STP, THADS] = [
    'CT-TTR',
    'CT-CA',
    'CT-VKSND',
    'CT-TAND',
    'CT-BCHQS',
    'CT-STP',
    'CT-THADS',
  ].map((c) => units[c]!);
  const present = [TTR!, CA!, VKS!, TAND!, BCHQS!, STP!];
  const round1: Record<string, string[]> = {
    [TTR!]: [CA!, VKS!],
    [CA!]: [VKS!, TAND!],
    [VKS!]: [CA!, TAND!],
    [TAND!]: [CA!, VKS!],
    [BCHQS!]: [CA!, STP!],
    [STP!]: [CA!, TAND!],
  };
  const runoff: Record<string, string[]> = {
    [TTR!]: [VKS!],
    [CA!]: [VKS!],
    [VKS!]: [TAND!],
    [TAND!]: [VKS!],
    [BCHQS!]: [VKS!],
    [STP!]: [TAND!],
  };
  await runVoting(
    port,
    cast,
    { merit: h.merit(), certificateVotes: (voter, candidates) => (candidates.length === 2 ? runoff : round1)[voter]! },
    present,
  );
  const atCouncil = await waitFor('the council review', async () => {
    const v = await port.view();
    return v.councilWorkflowId ? v : undefined;
  });
  const certificate = atCouncil.contests.find((c) => c.contest === 'certificate')!;
  expect(certificate.rounds.map((r) => r.outcome)).toEqual(['tie', 'decided']);
  expect(certificate.winners).toEqual([CA, VKS]);

  // No decision yet.
  await expect(loadDocumentData(db, workflowId, 'decision')).rejects.toMatchObject({
    code: 'WRONG_PHASE',
    message: expect.stringContaining('no award decision'),
  });

  // First generations, concurrently: one number each, the same for every caller; minutes before ballot count.
  const [m1, b1, m2, p1] = await Promise.all([
    loadDocumentData(db, workflowId, 'minutes'),
    loadDocumentData(db, workflowId, 'ballotCount'),
    loadDocumentData(db, workflowId, 'minutes'),
    loadDocumentData(db, workflowId, 'proposal'),
  ]);
  expect([m1.header.number, m2.header.number, b1.header.number, p1.header.number]).toEqual([1, 1, 2, 1]);
  expect(p1.minutes).toMatchObject({ number: 1, symbol: 'BB-KNC' });
  expect(p1.ballotCount).toMatchObject({ number: 2, symbol: 'BB-KNC' });
  const series = await db.prisma.documentCounter.findMany({
    where: { docType: { in: ['BB', 'TTr'] } },
    orderBy: { docType: 'asc' },
  });
  expect(series.map((s) => [s.docType, s.lastNumber])).toEqual([
    ['BB', 2],
    ['TTr', 1],
  ]);
  expect(await db.prisma.auditLog.count({ where: { workflowId, action: 'document.number' } })).toBe(3);

  // Council: the flag in one decision, both certificates in another; then the handover.
  const numberOf = (awardType: string) => (awardType === 'emulation-flag' ? '12/QĐ-UBND' : '13/QĐ-UBND');
  for (const p of atCouncil.proposals) {
    await h.councilVotesYes(port, p.proposalId);
    await port.act(cast.councilSecretary, '/council/decisions', {
      proposalId: p.proposalId,
      decision: 'approve',
      decisionNumber: numberOf(p.awardType),
      decisionDate: `${year + 1}-01-15`,
    });
  }
  await port.act(cast.officerOf[atCouncil.actingHeadUnitId]!, '/handover', {});
  const result = (await handle.result()) as CycleResult;
  await waitFor(
    'the closed projection',
    async () => (await db.prisma.cycle.findUniqueOrThrow({ where: { id: workflowId } })).phase === 'closed',
  );

  // ---- the minutes, from the closed cycle
  const minutes = await loadDocumentData(db, workflowId, 'minutes');
  expect(minutes.header).toMatchObject({
    number: 1,
    parentBody: 'UBND THÀNH PHỐ CẦN THƠ',
    issuingBody: 'KHỐI THI ĐUA NỘI CHÍNH\nTHÀNH PHỐ CẦN THƠ',
    issuerAbbr: 'KNC',
  });
  // What the minutes said before the cycle closed (replayed from the rounds) is what the closed result says.
  expect(minutes.contests).toEqual(m1.contests);
  const dbUnits = await db.prisma.unit.findMany({ where: { code: { startsWith: 'CT-' } } });
  expect(minutes.members.map((m) => m.name).sort()).toEqual(dbUnits.map((u) => u.name).sort());
  expect(minutes.members.filter((m) => !m.present).map((m) => m.unitId)).toEqual([THADS]);
  const summaries = await db.prisma.scoreSummary.findMany({ where: { cycleId: workflowId } });
  expect(minutes.scores).toHaveLength(7);
  for (const s of summaries)
    expect(minutes.scores.find((x) => x.unitId === s.unitId)).toEqual({
      unitId: s.unitId,
      selfScore: s.selfTotal,
      agreedScore: s.finalTotal,
      rank: s.rank,
    });

  const rounds = (await db.prisma.votingRound.findMany({
    where: { cycleId: workflowId, NOT: { contest: { startsWith: 'council:' } } },
    include: { _count: { select: { ballots: true } } },
  })) as unknown as (StoredRound & { _count: { ballots: number } })[];
  expect(rounds.map((r) => `${r.contest}:${r.round}`).sort()).toEqual([
    'certificate:1',
    'certificate:2',
    'leader:1',
    'nextDeputy:1',
    'nextHead:1',
  ]);
  for (const r of rounds) {
    const c = minutes.contests.find((x) => x.contest === r.contest)!;
    const dr = c.rounds[r.round - 1]!;
    expect(dr).toMatchObject({
      ballotsIssued: r.present,
      ballotsReceived: r._count.ballots,
      validBallots: r.result.validBallots,
      invalidBallots: r.result.invalidBallots,
    });
    expect(Object.fromEntries(dr.votes.map((v) => [v.unitId, v.votes]))).toEqual(
      Object.fromEntries(r.candidates.map((id) => [id, r.result.counts[id] ?? 0])),
    );
    expect(c.threshold).toEqual({ ratio: 0.4, base: 'validBallots', strict: false });
  }
  const winnersOf = (contest: string) => minutes.contests.find((c) => c.contest === contest)!.winners;
  for (const c of result.contests) expect(winnersOf(c.contest)).toEqual(c.winners);
  expect(winnersOf('nextHead')).toEqual([result.nextHead]);
  expect(winnersOf('nextDeputy')).toEqual([result.nextDeputy]);

  // Rendered: real names, attendance, and every candidate's row with the percentage of the recorded result.
  const name = (id: string) => dbUnits.find((u) => u.id === id)!.name;
  const paras = await docxText('minutes', minutes);
  const text = paras.join('\n');
  expect(paras).toEqual(
    expect.arrayContaining([
      'UBND THÀNH PHỐ CẦN THƠ',
      'KHỐI THI ĐUA NỘI CHÍNH',
      'THÀNH PHỐ CẦN THƠ',
      'Số: 01/BB-KNC',
      'BIÊN BẢN',
    ]),
  );
  for (const u of dbUnits) expect(text).toContain(u.name);
  expect(text).toContain('Đại diện các đơn vị thành viên có mặt (6/7 đơn vị)');
  expect(text).toContain(`Đơn vị vắng mặt (1/7 đơn vị):\n+ ${name(THADS!)}.`);
  expect(text).toContain('Biên bản kiểm phiếu số 02/BB-KNC');
  for (const r of rounds) {
    for (const id of r.candidates) {
      const votes = r.result.counts[id] ?? 0;
      expect([r.contest, r.round, hasRow(paras, [name(id), String(votes), formatShare(votes, r.result.base)])]).toEqual(
        [r.contest, r.round, true],
      );
    }
  }
  // The certificate's two winners, each with the round that elected it (CA in round 1, VKSND in the run-off).
  const cert = rounds.filter((r) => r.contest === 'certificate').sort((a, b) => a.round - b.round);
  const share = (r: StoredRound, id: string) =>
    `${r.result.counts[id]}/${r.result.base} phiếu, đạt ${formatShare(r.result.counts[id]!, r.result.base)}`;
  expect(text).toContain(
    `Kết quả: ${name(CA!)} (${share(cert[0]!, CA!)}) và ${name(VKS!)} (${share(cert[1]!, VKS!)}) được đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố.`,
  );
  expect(squash(text)).toContain(`Khối trưởng năm ${year + 1}: ${name(result.nextHead!)}.`);

  // ---- the ballot-count record
  const ballot = await loadDocumentData(db, workflowId, 'ballotCount');
  expect(ballot.header.number).toBe(2);
  expect(ballot.contests).toEqual(minutes.contests);
  const ballotText = (await docxText('ballotCount', ballot)).join('\n');
  expect(ballotText).toContain('Số: 02/BB-KNC');
  expect(ballotText).toContain('Tổng số đơn vị thành viên: 7; số đơn vị có mặt: 6; số đơn vị vắng mặt: 1');

  // ---- the proposal letter and its list: vote shares of the bloc vote (not the council's)
  const proposal = await loadDocumentData(db, workflowId, 'proposal');
  expect(proposal.header).toMatchObject({ number: 1, place: 'Cần Thơ', issuerAbbr: 'KNC' });
  const leaderRound = rounds.find((r) => r.contest === 'leader')!;
  expect(proposal.entries.map((e) => [e.nominee, e.votes, e.baseCount])).toEqual([
    [name(TTR!), leaderRound.result.counts[TTR!], leaderRound.result.base],
    [name(CA!), cert[0]!.result.counts[CA!], cert[0]!.result.base],
    [name(VKS!), cert[1]!.result.counts[VKS!], cert[1]!.result.base],
  ]);
  const dbProposals = await db.prisma.proposal.findMany({ where: { cycleId: workflowId } });
  for (const e of proposal.entries) expect(dbProposals.map((p) => p.achievement)).toContain(e.achievement);
  const proposalText = (await docxText('proposal', proposal)).join('\n');
  expect(proposalText).toContain('Số: 01/TTr-KNC');
  expect(proposalText).toContain(
    `${leaderRound.result.counts[TTR!]}/${leaderRound.result.base} (${formatShare(leaderRound.result.counts[TTR!]!, leaderRound.result.base)})`,
  );

  // ---- the award decisions: number, amounts = coefficient × base salary, legal bases
  const flag = await loadDocumentData(db, workflowId, 'decision');
  const decisions = await db.prisma.awardDecision.findMany({
    where: { proposal: { cycleId: workflowId } },
    include: { proposal: true },
  });
  const flagRow = decisions.find((d) => d.proposal.awardType === 'emulation-flag')!;
  expect(flag.header).toMatchObject({ number: 12, issuerAbbr: 'UBND', place: 'Cần Thơ', date: `${year + 1}-01-15` });
  expect(flag.awards).toEqual([
    {
      recipient: name(TTR!),
      award: 'Cờ thi đua của Ủy ban nhân dân thành phố',
      achievement: flagRow.proposal.achievement,
      amountVnd: flagRow.amountVnd,
      coefficient: flagRow.coefficient,
    },
  ]);
  expect(flagRow.amountVnd).toBe(18_720_000);
  expect(flag.baseSalaryVnd).toBe(flagRow.baseSalaryVnd);
  expect(flag.legalBases.join('\n')).toContain('Căn cứ Điều 49 và điểm e khoản 2 Điều 50 Nghị định số 152/2025/NĐ-CP');
  expect(flag.proposedBy).toContain('Tờ trình số 01/TTr-KNC');
  const council = await db.prisma.council.findFirstOrThrow({
    where: { province: { code: 'CT' } },
    include: { members: { include: { person: true } } },
  });
  expect(flag.signer).toMatchObject({
    position: 'Chủ tịch',
    name: council.members.find((m) => m.position === 'chair')!.person.fullName,
  });
  const flagText = (await docxText('decision', flag)).join('\n');
  expect(flagText).toContain('Số: 12/QĐ-UBND');
  expect(flagText).toContain(formatVndPlain(18_720_000));

  const certs = await loadDocumentData(db, workflowId, 'decision', { decisionNumber: '13/QĐ-UBND' });
  expect(certs.header.number).toBe(13);
  expect(certs.awards.map((a) => [a.recipient, a.amountVnd, a.coefficient])).toEqual(
    expect.arrayContaining([
      [name(CA!), 7_020_000, 3],
      [name(VKS!), 7_020_000, 3],
    ]),
  );
  expect(certs.legalBases.join('\n')).toContain('Căn cứ Điều 49 và điểm a khoản 2 Điều 54 Nghị định số 152/2025/NĐ-CP');
  await expect(loadDocumentData(db, workflowId, 'decision', { decisionNumber: '99/QĐ-UBND' })).rejects.toMatchObject({
    code: 'NOT_FOUND',
  });

  // Regenerating keeps every number; nothing new was taken from the series.
  expect((await loadDocumentData(db, workflowId, 'proposal')).header.number).toBe(1);
  expect(
    (
      await db.prisma.documentCounter.findMany({
        where: { docType: { in: ['BB', 'TTr'] } },
        orderBy: { docType: 'asc' },
      })
    ).map((s) => s.lastNumber),
  ).toEqual([2, 1]);

  // Everything the loader returns is valid model input, and the PDF text keeps the Vietnamese names intact.
  for (const [kind, data] of [
    ['minutes', minutes],
    ['ballotCount', ballot],
    ['proposal', proposal],
    ['decision', certs],
  ] as const) {
    expect(DOCUMENT_SCHEMAS[kind].safeParse(data).success).toBe(true);
  }
  if (POPPLER) {
    const certsPdf = await renderPdf({ kind: 'decision', data: certs }, testPdfOptions());
    const pdf = squash(pdfToText(certsPdf));
    expect(pdf).toContain('Số: 13/QĐ-UBND');
    expect(pdf).toContain(name(CA!));
    expect(pdf).toContain('14.040.000');
    // Kept for a human look: every document of this year, page 1 as PNG (test-artifacts is git-ignored).
    for (const [kind, data] of [
      ['minutes', minutes],
      ['ballotCount', ballot],
      ['proposal', proposal],
      ['decision', certs],
    ] as const) {
      const bytes = kind === 'decision' ? certsPdf : await renderPdf({ kind, data } as never, testPdfOptions());
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS, `from-cycle-${kind}.pdf`), bytes);
      rasterPage(bytes, 1, 50, path.join(ARTIFACTS, `from-cycle-${kind}-page1.png`));
    }
  }
});
