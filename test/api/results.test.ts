/**
 * Results and history after a whole Cần Thơ year driven over HTTP (every act once), and the
 * revocation of an approved award: who may revoke (the admin, or the secretary of the council of
 * the bloc's province — not a council member, not a unit, not another province's secretary even
 * when they sit on this council), what cannot be revoked (409), that the year's scores and ranking
 * stay as they were while results and both histories show the award revoked, Idempotency-Key
 * replay and the one audit row.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '../support/scenario';
import { runEveryActYear, plainDriver, PEOPLE, type EveryActYear } from '../support/every-act';
import { startSystem, type System } from '../support/system';
import { expectError, expectGuarded, expectIdempotentWrite, expectStatus, personIdOf } from '../support/writes';

jest.setTimeout(60_000);

let sys: System;
let year: EveryActYear;
let before: any; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  sys = await startSystem();
  year = await runEveryActYear(sys, plainDriver(sys));
  // The live view says 'closed' before the worker's last projection lands: results read the database.
  await waitFor('the closed year in the database', () =>
    sys.db.prisma.cycle.findFirst({ where: { id: year.cycleId, closedAt: { not: null } } }).then((c) => c ?? undefined),
  );
  before = (
    await sys.call('GET', `/api/cycles/${encodeURIComponent(year.cycleId)}/results`, { as: PEOPLE.memberOfficer })
  ).body;
}, 240_000);

afterAll(() => sys?.stop());

const resultsPath = () => `/api/cycles/${encodeURIComponent(year.cycleId)}/results`;
const revokePath = (proposalId: string) => `/api/awards/${encodeURIComponent(proposalId)}/revoke`;
const sum = (xs: number[]) => Math.round(xs.reduce((t, x) => t + x, 0) * 100) / 100;
const flag = () => year.proposals.find((p) => p.awardType === 'emulation-flag')!;
const certificates = () => year.proposals.filter((p) => p.awardType === 'certificate-of-merit');
const revocation = (n: string) => ({
  revocationNumber: `${n}/QĐ-UBND`,
  revokedOn: '2027-06-01',
  reason: 'Phát hiện kê khai thành tích không trung thực qua thanh tra',
});

test('the results routes are in /api/openapi.json', async () => {
  const doc = (await sys.call('GET', '/api/openapi.json')).body as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  expect(Object.keys(doc.paths['/api/cycles/{cycleId}/results'] ?? {})).toEqual(['get']);
  expect(Object.keys(doc.paths['/api/units/{unitId}/history'] ?? {})).toEqual(['get']);
  expect(Object.keys(doc.paths['/api/blocs/{blocId}/history'] ?? {})).toEqual(['get']);
  expect(Object.keys(doc.paths['/api/awards/{proposalId}/revoke']?.['post']?.responses ?? {}).sort()).toEqual([
    '200',
    '400',
    '401',
    '403',
    '404',
    '409',
    '413',
    '422',
    '429',
  ]);
});

describe('results of the year', () => {
  test('the readers of the cycle read them (another province: 404, read scope); anonymous 401; an unknown cycle 404', async () => {
    for (const as of [PEOPLE.memberOfficer, PEOPLE.councilMember, PEOPLE.admin])
      expectStatus(await sys.call('GET', resultsPath(), { as }), 200);
    expectError(await sys.call('GET', resultsPath(), { as: PEOPLE.otherBlocOfficer }), 404, 'NOT_FOUND');
    expectError(await sys.call('GET', resultsPath()), 401, 'UNAUTHENTICATED');
    expectError(await sys.call('GET', '/api/cycles/NO-SUCH-2026/results', { as: PEOPLE.admin }), 404, 'NOT_FOUND');
  });

  test('the cycle, closed, with its head, deputy and rule-set', () => {
    expect(before.cycle).toMatchObject({
      id: year.cycleId,
      year: 2026,
      phase: 'closed',
      bloc: { id: year.blocId, code: 'CT-NOICHINH' },
      head: { code: 'CT-CA' },
      deputy: { code: 'CT-VKSND' },
      ruleSet: { code: 'can-tho', version: 1 },
    });
    expect(before.cycle.closedAt).toEqual(expect.any(String));
  });

  test('ranking: the active members in order of merit with final scores, and per criteria group for the chart', () => {
    const ranking = before.ranking as {
      rank: number;
      unit: { id: string; code: string };
      selfTotal: number;
      finalTotal: number;
      bonus: number;
      penalty: number;
      groups: { groupId: string; name: string; maxPoints: number; self: number; final: number }[];
    }[];
    expect(ranking.map((r) => r.unit.id)).toEqual(year.merit);
    expect(ranking.map((r) => r.rank)).toEqual(year.merit.map((_, i) => i + 1));
    expect(ranking.some((r) => r.unit.id === year.leaver)).toBe(false);
    const groups = year.plan.scoringTemplate.groups;
    for (const r of ranking) {
      expect(r.finalTotal).toBeGreaterThan(0);
      expect(r.groups.map((g) => g.groupId)).toEqual(groups.map((g) => g.id));
      r.groups.forEach((g, i) => expect(g.maxPoints).toBeCloseTo(sum(groups[i]!.criteria.map((c) => c.maxPoints)), 2));
      for (const g of r.groups) expect(g.final).toBeLessThanOrEqual(g.maxPoints);
      expect(sum(r.groups.map((g) => g.final)) + r.bonus - r.penalty).toBeCloseTo(r.finalTotal, 1);
      expect(sum(r.groups.map((g) => g.self))).toBeCloseTo(r.selfTotal, 1);
    }
    // The deputy's review cut one criterion of the first unit: its group is below what it claimed.
    const reviewedGroup = ranking[0]!.groups[0]!;
    expect(reviewedGroup.final).toBeLessThan(reviewedGroup.self);
    expect(ranking[1]!.groups[0]!.final).toBeCloseTo(ranking[1]!.groups[0]!.self, 2);
  });

  test('awards: every proposal approved by the council with its decision number, date and amount', () => {
    const proposals = before.proposals as {
      id: string;
      unit: { id: string };
      awardType: string;
      status: string;
      decision: { decisionNumber: string; decisionDate: string; amountVnd: number; revoked: unknown } | null;
      councilRounds: unknown[];
    }[];
    expect(proposals.map((p) => p.id).sort()).toEqual(year.proposals.map((p) => p.proposalId).sort());
    for (const p of proposals) {
      expect(p.status).toBe('approved');
      expect(p.decision).toMatchObject({
        decisionNumber: expect.stringMatching(/^0\d\/QĐ-UBND$/),
        decisionDate: '2027-01-15',
        revoked: null,
      });
      expect(p.decision!.amountVnd).toBeGreaterThan(0);
    }
    const byId = new Map(proposals.map((p) => [p.id, p]));
    expect(byId.get(flag().proposalId)).toMatchObject({
      unit: { id: year.merit[0] },
      decision: { decisionNumber: '01/QĐ-UBND' },
    });
    expect(byId.get(certificates()[0]!.proposalId)!.decision!.decisionNumber).toBe('02/QĐ-UBND');
    // The flag was returned once and voted again: two council rounds, anonymous ballots.
    const rounds = byId.get(flag().proposalId)!.councilRounds as {
      voted: number;
      ballots: { choices: string[] }[];
      result: { passes: boolean };
    }[];
    expect(rounds).toHaveLength(2);
    expect(rounds[1]).toMatchObject({ voted: year.cast.councilMembers.length, result: { passes: true } });
    for (const b of rounds[1]!.ballots) expect(Object.keys(b)).toEqual(['choices']);
  });

  test('contests: the leader decided by head and deputy after two blank rounds; the others by ballot', () => {
    const leader = (
      before.contests as {
        contest: string;
        rounds: { round: number; voted: number }[];
        decided: { winners: { id: string }[]; decidedBy: string };
      }[]
    ).find((c) => c.contest === 'leader')!;
    expect(leader.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(leader.decided).toMatchObject({ decidedBy: 'headAndDeputy', winners: [{ id: year.merit[0] }] });
    const certificate = (
      before.contests as { contest: string; decided: { decidedBy: string; winners: { id: string }[] } }[]
    ).find((c) => c.contest === 'certificate')!;
    expect(certificate.decided.winners.map((w) => w.id).sort()).toEqual(
      certificates()
        .map((c) => c.unitId)
        .sort(),
    );
  });
});

describe('history', () => {
  test('the bloc year by year: 2026 closed with head, deputy, leader, awards and the handover', async () => {
    const res = await sys.call('GET', `/api/blocs/${year.blocId}/history`, { as: PEOPLE.councilMember });
    expectStatus(res, 200);
    expect(res.body.bloc).toMatchObject({ id: year.blocId, code: 'CT-NOICHINH', ruleSetCode: 'can-tho' });
    const y2026 = res.body.years.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toMatchObject({
      cycleId: year.cycleId,
      phase: 'closed',
      head: { code: 'CT-CA' },
      deputy: { code: 'CT-VKSND' },
      leader: [{ id: year.merit[0] }],
      ruleSet: { code: 'can-tho', version: 1 },
    });
    expect(y2026.awards).toHaveLength(year.proposals.length);
    for (const a of y2026.awards)
      expect(a).toMatchObject({ status: 'approved', decision: { decisionNumber: expect.any(String), revoked: null } });
    expect(y2026.handover).toMatchObject({ outgoingHead: { code: 'CT-CA' }, toYear: 2027 });
    expect(res.body.years.map((y: { year: number }) => y.year)).toEqual(
      [...res.body.years.map((y: { year: number }) => y.year)].sort((a, b) => b - a),
    );
    expectError(await sys.call('GET', `/api/blocs/${year.blocId}/history`), 401);
    expectError(await sys.call('GET', '/api/blocs/nope/history', { as: PEOPLE.admin }), 404, 'NOT_FOUND');
  });

  test('a unit year by year: the leading unit 2026 with rank 1, its score and its flag', async () => {
    const res = await sys.call('GET', `/api/units/${year.merit[0]}/history`, { as: PEOPLE.councilMember });
    expectStatus(res, 200);
    expect(res.body.unit).toMatchObject({ id: year.merit[0], code: 'CT-STP', dissolvedOn: null, successor: null });
    const y2026 = res.body.years.find((y: { year: number }) => y.year === 2026);
    const ranked = before.ranking[0];
    expect(y2026).toMatchObject({
      cycleId: year.cycleId,
      bloc: { code: 'CT-NOICHINH' },
      role: 'member',
      rank: 1,
      finalScore: ranked.finalTotal,
    });
    expect(y2026.awards).toEqual([
      expect.objectContaining({
        proposalId: flag().proposalId,
        awardType: 'emulation-flag',
        status: 'approved',
        decision: expect.objectContaining({ decisionNumber: '01/QĐ-UBND' }),
      }),
    ]);
    // The head's year shows its role; the held-and-cleared unit its hold; the leaver its ended membership.
    const head = await sys.call('GET', `/api/units/${year.unitIdOf['CT-CA']}/history`, { as: PEOPLE.councilMember });
    expect(head.body.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ role: 'head' });
    const held = await sys.call('GET', `/api/units/${year.held}/history`, { as: PEOPLE.councilMember });
    expect(held.body.years.find((y: { year: number }) => y.year === 2026).holds).toEqual([
      expect.objectContaining({ kind: 'inspection', outcome: 'cleared', closedOn: expect.any(String) }),
    ]);
    const leaver = await sys.call('GET', `/api/units/${year.leaver}/history`, { as: PEOPLE.councilMember });
    expect(leaver.body.memberships).toEqual([
      expect.objectContaining({ bloc: expect.objectContaining({ code: 'CT-NOICHINH' }), leftOn: expect.any(String) }),
    ]);
    expectError(await sys.call('GET', `/api/units/${year.merit[0]}/history`), 401);
    expectError(await sys.call('GET', '/api/units/nope/history', { as: PEOPLE.admin }), 404, 'NOT_FOUND');
  });
});

describe('revocation of an award', () => {
  test('only the admin or the secretary of this province’s council: anonymous 401, others 403', async () => {
    const target = certificates()[0]!.proposalId;
    await expectGuarded(
      sys,
      'POST',
      revokePath(target),
      [
        PEOPLE.memberOfficer,
        PEOPLE.head,
        PEOPLE.councilMember,
        PEOPLE.otherCouncilMember,
        PEOPLE.otherCouncilSecretary,
      ],
      revocation('90'),
    );
  });

  test('another province’s secretary who sits on this council as a member is still not its secretary: 403', async () => {
    const council = await sys.db.prisma.council.findFirstOrThrow({
      where: { members: { some: { person: { username: 'ct.hd1' } } } },
    });
    const tnSecretary = await personIdOf(sys, PEOPLE.otherCouncilSecretary);
    expectStatus(
      await sys.call('POST', `/api/admin/councils/${council.id}/members`, {
        as: PEOPLE.admin,
        body: { personId: tnSecretary },
        key: randomUUID(),
      }),
      201,
    );
    try {
      expectError(
        await sys.call('POST', revokePath(certificates()[0]!.proposalId), {
          as: PEOPLE.otherCouncilSecretary,
          body: revocation('91'),
          key: randomUUID(),
        }),
        403,
        'FORBIDDEN',
      );
      // Nor does the seat make them the secretary for this bloc's cycle acts (the API refuses before the workflow).
      const act = (path: string, body: Record<string, unknown>) =>
        sys.call('POST', `/api/cycles/${encodeURIComponent(year.cycleId)}${path}`, {
          as: PEOPLE.otherCouncilSecretary,
          body,
          key: randomUUID(),
        });
      expectError(
        await act('/holds', { unitId: year.held, kind: 'inspection', reason: 'Thử quyền thư ký' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await act('/council/decisions', {
          proposalId: certificates()[0]!.proposalId,
          decision: 'reject',
          reason: 'Thử quyền thư ký',
        }),
        403,
        'FORBIDDEN',
      );
    } finally {
      expectStatus(
        await sys.call('DELETE', `/api/admin/councils/${council.id}/members/${tnSecretary}`, {
          as: PEOPLE.admin,
          key: randomUUID(),
        }),
        200,
      );
    }
    expect(
      (await sys.db.prisma.proposal.findUniqueOrThrow({ where: { id: certificates()[0]!.proposalId } })).status,
    ).toBe('approved');
  });

  test('400 with paths for a bad body or a date before the award; 404 for an unknown proposal; 409 for one not approved', async () => {
    const target = certificates()[0]!.proposalId;
    expectError(
      await sys.call('POST', revokePath(target), {
        as: PEOPLE.councilSecretary,
        body: { ...revocation('92'), revokedOn: '2027-02-30' },
      }),
      400,
      'VALIDATION',
      ['revokedOn'],
    );
    expectError(
      await sys.call('POST', revokePath(target), {
        as: PEOPLE.councilSecretary,
        body: { ...revocation('92'), reason: '' },
      }),
      400,
      'VALIDATION',
      ['reason'],
    );
    expectError(
      await sys.call('POST', revokePath(target), {
        as: PEOPLE.councilSecretary,
        body: { ...revocation('92'), extra: true },
      }),
      400,
      'VALIDATION',
    );
    expectError(
      await sys.call('POST', revokePath(target), {
        as: PEOPLE.councilSecretary,
        body: { ...revocation('92'), revokedOn: '2027-01-14' },
      }),
      422,
      'VALIDATION',
      ['revokedOn'],
    );
    expectError(
      await sys.call('POST', revokePath('no-such-proposal'), { as: PEOPLE.admin, body: revocation('92') }),
      404,
      'NOT_FOUND',
    );
    // A proposal the council rejected (as the workflow would have projected it): nothing to revoke.
    const rejected = await sys.db.prisma.proposal.create({
      data: {
        id: `${year.cycleId}:certificate-of-merit:${year.leaver}`,
        cycleId: year.cycleId,
        unitId: year.leaver,
        awardType: 'certificate-of-merit',
        achievementPeriod: '2026',
        status: 'rejected',
        reason: 'Không đủ điều kiện',
      },
    });
    try {
      expectError(
        await sys.call('POST', revokePath(rejected.id), { as: PEOPLE.councilSecretary, body: revocation('93') }),
        409,
        'CONFLICT',
      );
    } finally {
      await sys.db.prisma.proposal.delete({ where: { id: rejected.id } });
    }
    expect(await sys.db.prisma.auditLog.count({ where: { action: 'award.revoke' } })).toBe(0);
  });

  test('the council secretary revokes an approved certificate: once per key, one audit row, the unit and the head notified', async () => {
    const target = certificates()[0]!;
    const { body, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      revokePath(target.proposalId),
      { as: PEOPLE.councilSecretary, body: revocation('15'), otherBody: revocation('16') },
      200,
    );
    expect(body).toMatchObject({
      proposalId: target.proposalId,
      unitId: target.unitId,
      awardType: 'certificate-of-merit',
      status: 'revoked',
      decision: {
        decisionNumber: '02/QĐ-UBND',
        revoked: { on: '2027-06-01', number: '15/QĐ-UBND', reason: revocation('15').reason },
      },
    });
    expect(body.toRecover.amountVnd).toBe(body.decision.amountVnd);
    expect(audit).toMatchObject({
      action: 'award.revoke',
      entity: 'proposal',
      entityId: target.proposalId,
      workflowId: year.cycleId,
      actorPersonId: await personIdOf(sys, PEOPLE.councilSecretary),
      before: { status: 'approved', revokedOn: null },
      after: { status: 'revoked', revokedOn: '2027-06-01', revocationNumber: '15/QĐ-UBND' },
    });
    const notices = await sys.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `award:${target.proposalId}:revoked#` } },
    });
    expect(notices.map((n) => n.recipientUnitId).sort()).toEqual(
      [...new Set([target.unitId, year.unitIdOf['CT-CA']!])].sort(),
    );
    // Revoked is final: a second revocation (new key) is 409.
    expectError(
      await sys.call('POST', revokePath(target.proposalId), {
        as: PEOPLE.councilSecretary,
        body: revocation('17'),
        key: randomUUID(),
      }),
      409,
      'ALREADY_DONE',
    );
  });

  test('the admin revokes the flag', async () => {
    const { body, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      revokePath(flag().proposalId),
      { as: PEOPLE.admin, body: revocation('18') },
      200,
    );
    expect(body).toMatchObject({
      status: 'revoked',
      decision: { decisionNumber: '01/QĐ-UBND', revoked: { number: '18/QĐ-UBND' } },
    });
    expect(audit.actorRole).toBe('admin');
  });

  test('afterwards results and both histories show the revocations; scores, ranking and rounds stay as they were', async () => {
    const revoked = new Set([flag().proposalId, certificates()[0]!.proposalId]);
    const after = (await sys.call('GET', resultsPath(), { as: PEOPLE.memberOfficer })).body;
    expect(after.ranking).toEqual(before.ranking);
    expect(after.contests).toEqual(before.contests);
    for (const p of after.proposals) {
      if (revoked.has(p.id))
        expect(p).toMatchObject({
          status: 'revoked',
          decision: { revoked: { on: '2027-06-01', number: expect.stringMatching(/^1[58]\/QĐ-UBND$/) } },
        });
      else expect(p).toMatchObject({ status: 'approved', decision: { revoked: null } });
    }
    const bloc = (await sys.call('GET', `/api/blocs/${year.blocId}/history`, { as: PEOPLE.memberOfficer })).body;
    const awards = bloc.years.find((y: { year: number }) => y.year === 2026).awards as {
      proposalId: string;
      status: string;
      decision: { revoked: unknown };
    }[];
    for (const a of awards) expect(a.status).toBe(revoked.has(a.proposalId) ? 'revoked' : 'approved');
    const unit = (await sys.call('GET', `/api/units/${year.merit[0]}/history`, { as: PEOPLE.councilMember })).body;
    const y2026 = unit.years.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toMatchObject({
      rank: 1,
      finalScore: before.ranking[0].finalTotal,
      awards: [
        {
          proposalId: flag().proposalId,
          status: 'revoked',
          decision: { revoked: { number: '18/QĐ-UBND', reason: revocation('18').reason } },
        },
      ],
    });
  });
});

describe('a unit merged into a successor', () => {
  test('the successor’s history carries its predecessors’ years (through every merger), marked with their name and code; the bloc history is unchanged', async () => {
    const blocHistory = () =>
      sys.call('GET', `/api/blocs/${year.blocId}/history`, { as: PEOPLE.memberOfficer }).then((r) => r.body);
    const blocBefore = await blocHistory();
    const leaver = (await sys.call('GET', `/api/units/${year.leaver}/history`, { as: PEOPLE.councilMember })).body;
    expect(leaver.years.length).toBeGreaterThan(0);
    expect(leaver.years.every((y: { predecessor: unknown }) => y.predecessor === null)).toBe(true);
    const { provinceId } = await sys.db.prisma.unit.findUniqueOrThrow({ where: { id: year.leaver } });
    const merge = async (from: string, code: string, dissolvedOn: string) => {
      const created = await sys.call('POST', '/api/admin/units', {
        as: PEOPLE.admin,
        key: randomUUID(),
        body: { code, name: `Sở hợp nhất ${code}`, shortName: code, provinceId },
      });
      expectStatus(created, 201);
      expectStatus(
        await sys.call('POST', `/api/admin/units/${from}/dissolve`, {
          as: PEOPLE.admin,
          key: randomUUID(),
          body: { dissolvedOn, successorId: created.body.id, reason: 'Sáp nhập theo Nghị quyết sắp xếp bộ máy' },
        }),
        200,
      );
      return created.body.id as string;
    };
    const successor = await merge(year.leaver, 'CT-HOPNHAT1', '2027-03-01');
    const inherited = leaver.years.map((y: object) => ({
      ...y,
      predecessor: { id: year.leaver, code: leaver.unit.code, name: leaver.unit.name },
    }));
    const history = await sys.call('GET', `/api/units/${successor}/history`, { as: PEOPLE.councilMember });
    expectStatus(history, 200);
    expect(history.body.unit.predecessors).toEqual([
      expect.objectContaining({ id: year.leaver, code: leaver.unit.code }),
    ]);
    expect(history.body.years).toEqual(inherited);
    // Merged again: the next successor carries both earlier units' years (the first had none of its own).
    const next = await merge(successor, 'CT-HOPNHAT2', '2027-09-01');
    expect((await sys.call('GET', `/api/units/${next}/history`, { as: PEOPLE.councilMember })).body.years).toEqual(
      inherited,
    );
    // The predecessor's own history and the bloc's are as they were.
    expect(
      (await sys.call('GET', `/api/units/${year.leaver}/history`, { as: PEOPLE.councilMember })).body.years,
    ).toEqual(leaver.years);
    expect(await blocHistory()).toEqual(blocBefore);
  });
});
