/**
 * The Government flag over HTTP against the real system (Temporal dev server, worker, SQLite).
 * The bloc leaders' approved provincial flags are created DIRECTLY IN THE DATABASE
 * (test/support/government-flag.ts) instead of running whole bloc years.
 */
import { randomUUID } from 'node:crypto';
import { seedBlocLeaders, type Leaders } from '../support/government-flag';
import { dossier, download, sys, today, withGovFlagSystem, year } from './government-flag/context';
import { dossierTests } from './government-flag/dossier';

jest.setTimeout(120_000);

withGovFlagSystem();

test('start, secret votes, close, submission and the Prime Minister’s decision; officers and another province’s council are refused', async () => {
  const leaders: Leaders = await seedBlocLeaders(sys.db, year, {
    fromSeeded: ['CT-TTR', 'CT-CA', 'CT-VKSND'],
    fromSecond: 2,
  });
  const { provinceId, units: u } = leaders;
  const start = (as: string, body: unknown) =>
    sys.call('POST', `/api/provinces/${provinceId}/government-flag`, { as, body });

  // Start: officers and another province's secretary are refused; Zod paths on a bad body.
  expect((await start('ct.ca', { year })).status).toBe(403);
  expect((await start('tn.tk', { year })).status).toBe(403);
  expect((await start('ct.hd1', { year })).status).toBe(403);
  const bad = await start('ct.tk', { year: 'next' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues[0].path).toEqual(['year']);
  expect((await sys.call('GET', `/api/provinces/${provinceId}/government-flag/${year}`, { as: 'ct.ca' })).status).toBe(
    404,
  );
  const viewAs = (as: string) => sys.call('GET', `/api/provinces/${provinceId}/government-flag/${year}`, { as });

  const started = await start('ct.tk', { year });
  expect(started.status).toBe(201);
  // 5 leaders of two blocs × 20% = 1 (ND 152/2025 Art. 7(1)); due 30 June N+1 (Art. 35(1)(b)).
  expect(started.body).toMatchObject({
    workflowId: `govflag-CT-${year}`,
    candidates: 5,
    quota: 1,
    deadlineDate: `${year + 1}-06-30`,
  });
  expect((await start('ct.tk', { year })).status).toBe(409);
  const base = `/api/government-flag/${started.body.workflowId}`;

  let view = await sys.call('GET', `/api/provinces/${provinceId}/government-flag/${year}`, { as: 'ct.ca' });
  const byUnit = (id: string) => view.body.candidates.find((c: { unit: { id: string } }) => c.unit.id === id);
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ phase: 'voting', quota: 1, councilMembers: 5, submission: null });
  expect(view.body.candidates).toHaveLength(5);
  expect(new Set(view.body.candidates.map((c: { cycleId: string }) => c.cycleId))).toEqual(new Set(leaders.cycles));

  // Holds (ND 152/2025 Art. 4(4)): only this province's secretary; a held leader takes no votes; disciplined → rejected with the reason.
  const holdBody = { unitId: u['CT-VKSND'], kind: 'inspection', reason: 'Thanh tra việc chấp hành pháp luật' };
  for (const as of ['ct.hd1', 'ct.ca', 'tn.tk'])
    expect((await sys.call('POST', `${base}/holds`, { as, body: holdBody })).status).toBe(403);
  const badHold = await sys.call('POST', `${base}/holds`, { as: 'ct.tk', body: { ...holdBody, kind: 'rumour' } });
  expect(badHold.status).toBe(400);
  expect(badHold.body.error.issues[0].path).toEqual(['kind']);
  const holdKey = randomUUID();
  expect((await sys.call('POST', `${base}/holds`, { as: 'ct.tk', body: holdBody, key: holdKey })).status).toBe(200);
  expect(
    (await sys.call('POST', `${base}/holds`, { as: 'ct.tk', body: holdBody, key: holdKey })).headers.get(
      'idempotent-replayed',
    ),
  ).toBe('true');
  expect((await sys.call('POST', `${base}/holds`, { as: 'ct.tk', body: holdBody })).body.error.code).toBe(
    'ALREADY_DONE',
  );
  view = await sys.call('GET', `/api/provinces/${provinceId}/government-flag/${year}`, { as: 'ct.ca' });
  expect(view.body.phase).toBe('voting');
  // The reason of a hold only for the parties: the held unit's own officer, this council, the admin.
  // Another unit's officer sees that it is held, not why; another province does not see the selection.
  expect(byUnit(u['CT-VKSND']!)).toMatchObject({ status: 'onHold', reason: null });
  const heldOf = (v: { body: { candidates: { unit: { id: string } }[] } }) =>
    v.body.candidates.find((c) => c.unit.id === u['CT-VKSND']);
  for (const as of ['ct.vksnd', 'ct.hd1', 'ct.tk', 'admin'])
    expect([as, heldOf(await viewAs(as))]).toEqual([
      as,
      expect.objectContaining({ status: 'onHold', reason: expect.stringContaining('Thanh tra việc chấp hành') }),
    ]);
  for (const as of ['tn.ca', 'tn.hd1', 'tn.tk']) {
    const foreign = await viewAs(as);
    expect([as, foreign.status, foreign.body.error?.code]).toEqual([as, 404, 'NOT_FOUND']);
  }
  // The same in the projection and results of the held leader's bloc year (the proposal lives on that cycle).
  const heldCycle = encodeURIComponent(leaders.cycles[0]!);
  for (const path of [`/api/cycles/${heldCycle}`, `/api/cycles/${heldCycle}/results`]) {
    const proposalOf = async (as: string) =>
      (
        (await sys.call('GET', path, { as })).body.proposals as {
          unitId?: string;
          unit?: { id: string };
          awardType: string;
          reason: string | null;
        }[]
      ).find((p) => (p.unitId ?? p.unit?.id) === u['CT-VKSND'] && p.awardType === 'government-flag');
    expect(await proposalOf('ct.ca')).toMatchObject({ reason: null });
    for (const as of ['ct.vksnd', 'ct.hd1', 'admin'])
      expect([as, await proposalOf(as)]).toEqual([
        as,
        expect.objectContaining({ reason: expect.stringContaining('Thanh tra việc chấp hành') }),
      ]);
    for (const as of ['tn.ca', 'tn.hd1', 'tn.tk'])
      expect([as, (await sys.call('GET', path, { as })).status]).toEqual([as, 404]);
  }
  const heldVote = await sys.call('POST', `${base}/votes`, {
    as: 'ct.hd1',
    body: { votes: [{ unitId: u['CT-VKSND'], approve: true }] },
  });
  expect(heldVote.status).toBe(409);
  expect(heldVote.body.error.code).toBe('WRONG_PHASE');
  expect(
    (
      await sys.call('POST', `${base}/holds/resolve`, {
        as: 'ct.tk',
        body: { unitId: u['CT-TTR'], outcome: 'cleared', reason: 'Không vi phạm' },
      })
    ).body.error.code,
  ).toBe('CONFLICT');
  expect(
    (
      await sys.call('POST', `${base}/holds/resolve`, {
        as: 'ct.hd1',
        body: { unitId: u['CT-VKSND'], outcome: 'disciplined', reason: 'Kỷ luật khiển trách' },
      })
    ).status,
  ).toBe(403);
  const resolved = await sys.call('POST', `${base}/holds/resolve`, {
    as: 'ct.tk',
    body: { unitId: u['CT-VKSND'], outcome: 'disciplined', reason: 'Kỷ luật khiển trách tập thể' },
  });
  expect(resolved.status).toBe(200);
  expect(resolved.body.data.status).toBe('rejected');

  // Votes: an officer and a member of another province's council are refused; Zod paths; 409 out of phase.
  const ballot = (yesTo: string[]) => ({
    votes: Object.values(u)
      .filter((unitId) => unitId !== u['CT-VKSND'])
      .map((unitId) => ({ unitId, approve: yesTo.includes(unitId) })),
  });
  expect((await sys.call('POST', `${base}/votes`, { as: 'ct.ca', body: ballot([]) })).status).toBe(403);
  expect((await sys.call('POST', `${base}/votes`, { as: 'tn.hd1', body: ballot([]) })).status).toBe(403);
  const badVote = await sys.call('POST', `${base}/votes`, {
    as: 'ct.hd1',
    body: { votes: [{ unitId: u['CT-TTR'], approve: 'yes' }] },
  });
  expect(badVote.status).toBe(400);
  expect(badVote.body.error.issues[0].path).toEqual(['votes', 0, 'approve']);
  expect(
    (
      await sys.call('POST', `${base}/submission`, {
        as: 'ct.tk',
        body: { letterNumber: '15/TTr-UBND', letterDate: today },
      })
    ).status,
  ).toBe(409);

  const key = randomUUID();
  for (const [i, member] of ['ct.hd1', 'ct.hd2', 'ct.hd3', 'ct.hd4', 'ct.hd5'].entries()) {
    const res = await sys.call('POST', `${base}/votes`, {
      as: member,
      body: ballot(i < 4 ? [u['CT-TTR']!, u['CT-CA']!] : [u['CT-TTR']!]),
      key: i === 0 ? key : undefined,
    });
    expect(res.status).toBe(200);
  }
  // A retried ballot (same key) is answered once; a new ballot by the same member is refused.
  expect(
    (await sys.call('POST', `${base}/votes`, { as: 'ct.hd1', body: ballot([]), key })).headers.get(
      'idempotent-replayed',
    ),
  ).toBe('true');
  expect((await sys.call('POST', `${base}/votes`, { as: 'ct.hd1', body: ballot([]) })).body.error.code).toBe(
    'ALREADY_DONE',
  );
  view = await sys.call('GET', `/api/provinces/${provinceId}/government-flag/${year}`, { as: 'ct.hd1' });
  // While the vote is open only the number of voters shows.
  expect(view.body.candidates.find((c: { unit: { id: string } }) => c.unit.id === u['CT-TTR']).vote).toMatchObject({
    voted: 5,
    eligibleVoters: 5,
    result: null,
  });

  // No dossier document while the vote is open.
  const openCount = await download(dossier(provinceId, year, 'ballot-count', 'pdf'), 'ct.hd1');
  expect(openCount.status).toBe(404);
  expect(openCount.json().error.message).toContain('not closed yet');

  // Close: only the secretary of this council.
  expect((await sys.call('POST', `${base}/close`, { as: 'ct.hd1', body: {} })).status).toBe(403);
  expect((await sys.call('POST', `${base}/close`, { as: 'tn.tk', body: {} })).status).toBe(403);
  const closed = await sys.call('POST', `${base}/close`, { as: 'ct.tk', body: {} });
  expect(closed.status).toBe(200);
  expect(closed.body.data.selected).toEqual([u['CT-TTR']]);
  // The ballot-count record exists from the close; the proposal letter only with the submission.
  expect((await download(dossier(provinceId, year, 'ballot-count', 'docx'), 'ct.hd2')).status).toBe(200);
  const noLetter = await download(dossier(provinceId, year, 'proposal', 'pdf'), 'ct.hd2');
  expect(noLetter.status).toBe(404);
  expect(noLetter.json().error.message).toContain('no submission');

  view = await sys.call('GET', `/api/provinces/${provinceId}/government-flag/${year}`, { as: 'ct.ca' });
  expect(view.body.phase).toBe('submission');
  expect(byUnit(u['CT-TTR']!)).toMatchObject({
    status: 'selected',
    vote: { result: { yes: 5, base: 5, share: 1, passes: true, rank: 1, selected: true } },
  });
  // CT-CA passed 4/5 = 80% of all members but the quota is 1.
  expect(byUnit(u['CT-CA']!)).toMatchObject({
    status: 'rejected',
    vote: { result: { yes: 4, passes: true, rank: 2, selected: false, reason: 'overQuota' } },
  });
  // The disciplined leader was not counted and keeps its reason (for the parties; another unit's officer sees none).
  expect(byUnit(u['CT-VKSND']!)).toMatchObject({
    status: 'rejected',
    reason: null,
    vote: { result: { rank: null, selected: false, reason: 'disqualified' } },
  });
  expect(heldOf(await viewAs('ct.vksnd'))).toMatchObject({
    status: 'rejected',
    reason: expect.stringMatching(/Điều 4 khoản 4.*Kỷ luật khiển trách tập thể/),
    vote: { result: { rank: null, selected: false, reason: 'disqualified' } },
  });

  // Submission: Zod path, the staleness rule (after 30 June N+1), then on time.
  const noDate = await sys.call('POST', `${base}/submission`, { as: 'ct.tk', body: { letterNumber: '15/TTr-UBND' } });
  expect(noDate.status).toBe(400);
  expect(noDate.body.error.issues[0].path).toEqual(['letterDate']);
  const stale = await sys.call('POST', `${base}/submission`, {
    as: 'ct.tk',
    body: { letterNumber: '15/TTr-UBND', letterDate: `${year + 1}-07-01` },
  });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('RULE_VIOLATION');
  expect(
    (
      await sys.call('POST', `${base}/submission`, {
        as: 'ct.tk',
        body: { letterNumber: '15/TTr-UBND', letterDate: today },
      })
    ).status,
  ).toBe(200);

  // Outcome: the Prime Minister decides; the money is 12.0 × base salary on the decision date.
  const noNumber = await sys.call('POST', `${base}/outcome`, {
    as: 'ct.tk',
    body: { unitId: u['CT-TTR'], outcome: 'decided', decisionDate: today },
  });
  expect(noNumber.status).toBe(400);
  expect(noNumber.body.error.issues[0].path).toEqual(['decisionNumber']);
  expect(
    (
      await sys.call('POST', `${base}/outcome`, {
        as: 'ct.ca',
        body: { unitId: u['CT-TTR'], outcome: 'decided', decisionNumber: '88/QĐ-TTg', decisionDate: today },
      })
    ).status,
  ).toBe(403);
  const decided = await sys.call('POST', `${base}/outcome`, {
    as: 'ct.tk',
    body: { unitId: u['CT-TTR'], outcome: 'decided', decisionNumber: '88/QĐ-TTg', decisionDate: today },
  });
  expect(decided.status).toBe(200);
  expect(decided.body.data.amountVnd).toBe(28_080_000);

  view = await sys.call('GET', `/api/provinces/${provinceId}/government-flag/${year}`, { as: 'ct.ca' });
  expect(view.body).toMatchObject({ phase: 'closed', submission: { letterNumber: '15/TTr-UBND', letterDate: today } });
  expect(view.body.candidates.find((c: { unit: { id: string } }) => c.unit.id === u['CT-TTR']).decision).toMatchObject({
    decisionNumber: '88/QĐ-TTg',
    signer: 'Thủ tướng Chính phủ',
    coefficient: 12,
    baseSalaryVnd: 2_340_000,
    amountVnd: 28_080_000,
  });
  // Once closed, further acts are out of phase.
  expect((await sys.call('POST', `${base}/close`, { as: 'ct.tk', body: {} })).status).toBe(409);
});

dossierTests();

test('the OpenAPI document lists the Government-flag endpoints', async () => {
  const doc = (await sys.call('GET', '/api/openapi.json')).body;
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/provinces/{provinceId}/government-flag',
      '/api/provinces/{provinceId}/government-flag/{year}',
      '/api/government-flag/{workflowId}/votes',
      '/api/government-flag/{workflowId}/close',
      '/api/government-flag/{workflowId}/submission',
      '/api/government-flag/{workflowId}/outcome',
      '/api/government-flag/{workflowId}/holds',
      '/api/government-flag/{workflowId}/holds/resolve',
      '/api/provinces/{provinceId}/government-flag/{year}/documents/{kind}.{format}',
    ]),
  );
});
