/**
 * The province award session on the time-skipping server with real activities (seeded SQLite): three blocs of one
 * province (one a department bloc whose Giấy khen stays with its own council) hand their dossiers to sitting 1 at
 * their council step; one dossier is returned and resubmitted; the quorum is refused then met; one secret ballot per
 * present member; a flag fails ≥ 80% of ALL members; a Bằng khen is cut by the province's total; one decision per
 * award kind lists every awardee; each bloc cycle takes the outcome over. A fourth bloc handing in after the
 * deadline is carried to sitting 2.
 */
import { randomUUID } from 'node:crypto';
import { buildCycleInput } from '../../api/cycle-input';
import { cycleWorkflowId, type CycleInput } from '../../contracts/cycle';
import { provinceSessionWorkflowId, type ProvinceSessionView } from '../../contracts/province-session';
import type { ProvinceSessionRules } from '../../domain/province-session';
import { vnDateOf } from '../../domain/vietnam-time';
import { DAY, planFor, runToVoting, runVoting, waitFor } from '../support/scenario';
import { addProvinceBlocs, sessionTimeline } from '../support/province-session';
import { workflowPort } from '../support/workflow-port';
import { useCycleHarness } from './harness';

jest.setTimeout(400_000);
const h = useCycleHarness(2026);

describe('province award session', () => {
  let blocs: Record<string, string>;
  const started: string[] = [];
  afterAll(async () => {
    for (const id of started)
      await h.env.client.workflow
        .getHandle(id)
        .terminate('test finished')
        .catch(() => undefined);
  });

  async function toCouncil(code: string, year: number, rules: ProvinceSessionRules) {
    const bloc = await h.db.prisma.bloc.findUniqueOrThrow({ where: { id: blocs[code]! } });
    const head = await h.db.prisma.person.findUniqueOrThrow({
      where: { username: h.cast.officerOf[bloc.headUnitId!]! },
    });
    const built = await buildCycleInput(h.db, bloc.id, year, head.id);
    const input: CycleInput = { ...built, ruleSet: { ...built.ruleSet, provinceSession: rules } };
    const workflowId = cycleWorkflowId(input.blocCode, year);
    await h.env.client.workflow.start('blocCycleWorkflow', { taskQueue: h.taskQueue, workflowId, args: [input] });
    started.push(workflowId, `${workflowId}-council`);
    const port = workflowPort(h.env, h.db, workflowId);
    const plan = planFor(year, await h.env.currentTimeMs(), 30 * DAY, [3 * 86_400, 86_400]);
    await runToVoting(port, h.cast, plan, { merit: h.merit() });
    await runVoting(port, h.cast, { merit: h.merit() });
    await waitFor(`${code} at its council step`, async () => (await port.view()).phase === 'council');
    return { port, workflowId };
  }

  it('runs three blocs through one sitting and carries the late fourth to the next', async () => {
    blocs = await addProvinceBlocs(h.db);
    const { year, rules } = sessionTimeline(await h.env.currentTimeMs(), 20, { certificatesTotal: 3 });
    const provinceId = (await h.db.prisma.bloc.findUniqueOrThrow({ where: { id: blocs['CT-NOICHINH']! } })).provinceId;
    const s1 = provinceSessionWorkflowId(provinceId, year, 1);
    const session = h.env.client.workflow.getHandle(s1);
    const view = () => session.query<ProvinceSessionView>('getProvinceSession');
    const anyPort = workflowPort(h.env, h.db, s1);
    const act = async (username: string, update: string, body: Record<string, unknown>) => {
      const requestId = randomUUID();
      return session.executeUpdate(update, {
        args: [{ ...body, requestId, actor: await anyPort.actorOf(username) }],
        updateId: requestId,
      });
    };

    const nc = await toCouncil('CT-NOICHINH', year, rules);
    const kt = await toCouncil('CT-KT', year, rules);
    const so = await toCouncil('CT-SOTP', year, rules);
    started.push(s1);
    let v = await waitFor('three dossiers', async () => {
      const x = await view().catch(() => undefined);
      return x && x.dossiers.length === 3 ? x : undefined;
    });
    expect(v.phase).toBe('collecting');
    // The department bloc hands in only its title proposal: its Giấy khen stays with its own council.
    const soProposals = v.proposals.filter((p) => p.cycleId === so.workflowId);
    expect(soProposals.map((p) => p.awardType)).toEqual(['excellent-labour-collective']);
    const local = await so.port.view();
    expect(local.councilWorkflowId).toBe(`${so.workflowId}-council`);

    // No bloc opens or decides the session; attendance waits for the deadline.
    const headOfficer = h.cast.officerOf[(await nc.port.view()).headUnitId]!;
    expect((await h.rejection(act(headOfficer, 'recordSessionAttendance', { presentMemberIds: ['x'] }))).type).toBe(
      'FORBIDDEN',
    );
    expect(
      (await h.rejection(act(h.cast.councilSecretary, 'recordSessionAttendance', { presentMemberIds: ['x'] }))).type,
    ).toBe('WRONG_PHASE');

    // Appraisal: the KT dossier is returned, resubmitted by its head's officer, then accepted.
    await act(h.cast.councilSecretary, 'appraiseDossier', {
      cycleId: kt.workflowId,
      decision: 'return',
      reason: 'Thiếu báo cáo thành tích',
    });
    expect(
      (
        await h.rejection(
          act(h.cast.councilSecretary, 'appraiseDossier', { cycleId: kt.workflowId, decision: 'accept' }),
        )
      ).type,
    ).toBe('WRONG_PHASE');
    const ktHead = h.cast.officerOf[(await kt.port.view()).headUnitId]!;
    const notHead = Object.values(h.cast.officerOf).find((u) => u !== ktHead)!;
    expect((await h.rejection(act(notHead, 'resubmitDossier', { cycleId: kt.workflowId, note: 'Bổ sung' }))).type).toBe(
      'FORBIDDEN',
    );
    await act(ktHead, 'resubmitDossier', { cycleId: kt.workflowId, note: 'Đã bổ sung báo cáo thành tích' });
    for (const c of [nc, kt, so])
      await act(h.cast.councilSecretary, 'appraiseDossier', { cycleId: c.workflowId, decision: 'accept' });
    v = await view();
    expect(v.dossiers.find((d) => d.cycleId === kt.workflowId)).toMatchObject({ status: 'accepted', attempts: 2 });

    // The deadline passes: appraisal. The fourth bloc, late, goes to sitting 2.
    await h.env.sleep(21 * DAY);
    expect((await view()).phase).toBe('appraisal');
    const vx = await toCouncil('CT-VX', year, rules);
    const s2 = provinceSessionWorkflowId(provinceId, year, 2);
    started.push(s2);
    const v2 = await waitFor('sitting 2', async () => {
      const x = await h.env.client.workflow
        .getHandle(s2)
        .query<ProvinceSessionView>('getProvinceSession')
        .catch(() => undefined);
      return x && x.dossiers.length === 1 ? x : undefined;
    });
    expect(v2.dossiers[0]!.cycleId).toBe(vx.workflowId);
    expect(v2.phase).toBe('collecting');
    expect((await view()).dossiers).toHaveLength(3);

    // Quorum (BN86 Art. 8(4)(b), ≥ 80% of 5): 3 present refused, 4 present opens the vote.
    const members = h.cast.councilMembers;
    const ids = await Promise.all(members.map(async (m) => (await anyPort.actorOf(m)).personId));
    const refused = await h.rejection(
      act(h.cast.councilSecretary, 'recordSessionAttendance', { presentMemberIds: ids.slice(0, 3) }),
    );
    expect(refused.type).toBe('RULE_VIOLATION');
    expect(refused.message).toMatch(/3 of 5 .*4 needed/);
    await act(h.cast.councilSecretary, 'recordSessionAttendance', { presentMemberIds: ids.slice(0, 4) });
    expect((await h.rejection(act(members[4]!, 'castSessionBallot', { votes: [] }))).type).toBe('VALIDATION');

    // Secret ballots: the KT flag gets 3 yes of 5 members (fails ≥ 80% of ALL), one Bằng khen 3 yes (passes the
    // majority of those present, then cut by the province's total of 3), everything else 4 yes.
    v = await view();
    const ballot = v.proposals.filter((p) => p.outcome === 'pending');
    const ktFlag = ballot.find((p) => p.cycleId === kt.workflowId && p.awardType === 'emulation-flag')!;
    const certificates = ballot.filter((p) => p.awardType === 'certificate-of-merit');
    expect(certificates).toHaveLength(4); // two per province bloc (the rule-set's certificate quota)
    const weak = certificates.at(-1)!;
    for (const [i, m] of members.slice(0, 4).entries()) {
      const votes = ballot.map((p) => ({
        proposalId: p.proposalId,
        approve: !((p === ktFlag || p === weak) && i === 0),
      }));
      await act(m, 'castSessionBallot', { votes });
      if (i === 0) {
        const mid = await view();
        expect(mid.votedCount).toBe(1);
        expect(mid.proposals.every((p) => p.yes === null && p.base === null)).toBe(true);
        expect((await h.rejection(act(m, 'castSessionBallot', { votes }))).type).toBe('ALREADY_DONE');
      }
    }
    v = await view();
    expect(v.phase).toBe('decided');
    const outcome = (id: string) => v.proposals.find((p) => p.proposalId === id)!;
    expect(outcome(ktFlag.proposalId)).toMatchObject({ outcome: 'belowThreshold', yes: 3, base: 5 });
    expect(outcome(weak.proposalId)).toMatchObject({ outcome: 'overQuota', yes: 3, base: 4 });
    const awarded = v.proposals.filter((p) => p.outcome === 'awarded');
    expect(awarded.filter((p) => p.awardType === 'certificate-of-merit')).toHaveLength(3);

    // One decision per award kind, listing every awardee.
    const decisionDate = vnDateOf(await h.env.currentTimeMs());
    const numbers = [
      { awardType: 'emulation-flag', decisionNumber: '101/QĐ-UBND' },
      { awardType: 'certificate-of-merit', decisionNumber: '102/QĐ-UBND' },
      { awardType: 'excellent-labour-collective', decisionNumber: '103/QĐ-UBND' },
    ];
    expect(
      (
        await h.rejection(
          act(h.cast.councilSecretary, 'issueSessionDecisions', { decisionDate, numbers: numbers.slice(0, 2) }),
        )
      ).type,
    ).toBe('VALIDATION');
    await act(h.cast.councilSecretary, 'issueSessionDecisions', { decisionDate, numbers });
    const done = (await session.result()) as ProvinceSessionView;
    expect(done.phase).toBe('issued');
    expect(done.decisions.map((d) => [d.awardType, d.awardees.length])).toEqual([
      ['emulation-flag', 1],
      ['certificate-of-merit', 3],
      ['excellent-labour-collective', 1],
    ]);
    const row = await h.db.prisma.provinceSession.findUniqueOrThrow({ where: { id: s1 } });
    expect(row.phase).toBe('issued');

    // Each bloc cycle takes its outcome over (the proposals the results and unit histories read).
    const stored = await waitFor('the cycles to record the outcome', async () => {
      const rows = await h.db.prisma.proposal.findMany({
        where: { cycleId: { in: [nc.workflowId, kt.workflowId] } },
        include: { decision: true },
      });
      return rows.every((r) => r.status !== 'submitted') ? rows : undefined;
    });
    expect(stored.find((r) => r.id === ktFlag.proposalId)).toMatchObject({ status: 'rejected' });
    expect(stored.find((r) => r.id === weak.proposalId)?.status).toBe('rejected');
    const ncFlag = stored.find((r) => r.cycleId === nc.workflowId && r.awardType === 'emulation-flag')!;
    expect(ncFlag.status).toBe('approved');
    expect(ncFlag.decision).toMatchObject({ decisionNumber: '101/QĐ-UBND' });
    expect(ncFlag.decision!.amountVnd).toBeGreaterThan(0);
    const ncView = await waitFor('NOICHINH council view', async () => {
      const x = await nc.port.view();
      return x.proposals.every((p) => p.status !== 'submitted') ? x : undefined;
    });
    expect(ncView.proposals.find((p) => p.proposalId === ncFlag.id)?.decisionNumber).toBe('101/QĐ-UBND');
    const soTitle = await waitFor('the department title', async () => {
      const r = await h.db.prisma.proposal.findFirst({
        where: { cycleId: so.workflowId, awardType: 'excellent-labour-collective' },
      });
      return r?.status === 'approved' ? r : undefined;
    });
    expect(soTitle.id).toBe(soProposals[0]!.proposalId);
    // The department's Giấy khen is still before its own council (the provincial session never saw it).
    const giayKhen = await h.db.prisma.proposal.findMany({
      where: { cycleId: so.workflowId, awardType: 'certificate-of-commendation' },
    });
    expect(giayKhen.length).toBeGreaterThan(0);
    expect(giayKhen.every((p) => p.status === 'submitted')).toBe(true);
    // Sitting 2 decides the carried dossier: appraisal, quorum, three of four present ballots, the secretary closes.
    const second = h.env.client.workflow.getHandle(s2);
    const act2 = async (username: string, update: string, body: Record<string, unknown>) => {
      const requestId = randomUUID();
      return second.executeUpdate(update, {
        args: [{ ...body, requestId, actor: await anyPort.actorOf(username) }],
        updateId: requestId,
      });
    };
    await act2(h.cast.councilSecretary, 'appraiseDossier', { cycleId: vx.workflowId, decision: 'accept' });
    await h.env.sleep(31 * DAY);
    await act2(h.cast.councilSecretary, 'recordSessionAttendance', { presentMemberIds: ids.slice(0, 4) });
    const vxBallot = (await second.query<ProvinceSessionView>('getProvinceSession')).proposals.map((p) => ({
      proposalId: p.proposalId,
      approve: true,
    }));
    for (const m of members.slice(0, 3)) await act2(m, 'castSessionBallot', { votes: vxBallot });
    expect((await h.rejection(act2(members[0]!, 'closeSessionVote', {}))).type).toBe('FORBIDDEN');
    await act2(h.cast.councilSecretary, 'closeSessionVote', {});
    const v2done = await second.query<ProvinceSessionView>('getProvinceSession');
    expect(v2done.phase).toBe('decided');
    // 3 yes of 5 members: the flag fails; the Bằng khen pass (more than half of the 4 present).
    expect(v2done.proposals.map((p) => [p.awardType, p.outcome, p.yes, p.base])).toEqual([
      ['emulation-flag', 'belowThreshold', 3, 5],
      ['certificate-of-merit', 'awarded', 3, 4],
      ['certificate-of-merit', 'awarded', 3, 4],
    ]);
    await act2(h.cast.councilSecretary, 'issueSessionDecisions', {
      decisionDate: vnDateOf(await h.env.currentTimeMs()),
      numbers: [{ awardType: 'certificate-of-merit', decisionNumber: '150/QĐ-UBND' }],
    });
    await second.result();
    const vxRows = await waitFor('the late bloc to record its outcome', async () => {
      const rows = await h.db.prisma.proposal.findMany({
        where: { cycleId: vx.workflowId },
        include: { decision: true },
      });
      return rows.every((r) => r.status !== 'submitted') ? rows : undefined;
    });
    expect(vxRows.map((r) => [r.awardType, r.status, r.decision?.decisionNumber ?? null]).sort()).toEqual([
      ['certificate-of-merit', 'approved', '150/QĐ-UBND'],
      ['certificate-of-merit', 'approved', '150/QĐ-UBND'],
      ['emulation-flag', 'rejected', null],
    ]);

    // Histories for the replay test (RECORD_HISTORIES): both sittings and three bloc-years that handed in.
    for (const id of [s1, s2, nc.workflowId, so.workflowId, vx.workflowId])
      await h.recordHistory(h.env.client.workflow.getHandle(id));
  });
});
