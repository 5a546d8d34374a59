/**
 * Results and history after a whole Cần Thơ year driven over HTTP (every act once), and the
 * revocation of an approved award: who may revoke (the admin, or the secretary of the council of
 * the bloc's province — not a council member, not a unit, not another province's secretary even
 * when they sit on this council), what cannot be revoked (409), that the year's scores and ranking
 * stay as they were while results and both histories show the award revoked, Idempotency-Key
 * replay and the one audit row.
 */
import { PEOPLE } from '../support/every-act';
import { expectError, expectStatus } from '../support/writes';
import { before, sys, withResultsYear, year, resultsPath, flag, certificates, sum } from './results/context';
import { mergedUnitTests } from './results/merged-unit';
import { revocationTests } from './results/revocation';

jest.setTimeout(60_000);

withResultsYear();

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

describe('revocation of an award', () => revocationTests());

describe('a unit merged into a successor', () => mergedUnitTests());
