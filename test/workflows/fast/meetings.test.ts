/**
 * Fast layer: the conferences as records (issue 12) on the real workflow code, activities stubbed. Scheduling
 * notifies every member with the agenda; the date window admits a year-end conference in January of N+1 and
 * refuses one out of season; the recorded attendance is the vote's roll; an annulled conference holds the vote
 * until it is re-held; once a ballot is cast, annulling it is refused.
 */
import { randomUUID } from 'node:crypto';
import { runToVoting } from '../../support/scenario';
import { useStubbedCycle } from '../../support/stub-bloc';

jest.setTimeout(60_000);

const h = useStubbedCycle(2040);

const rejected = async (p: Promise<unknown>) => {
  const e = (await p.then(
    () => undefined,
    (err: unknown) => err,
  )) as { message?: string; cause?: { type?: string; message?: string } } | undefined;
  expect(e).toBeDefined();
  return `${e!.cause?.type ?? ''} ${e!.cause?.message ?? e!.message ?? ''}`;
};

test('a year-end conference on 4 January N+1: scheduled (units notified with the agenda), annulled and re-held, the vote on its roll', async () => {
  const { port, plan, workflowId, year } = await h.startYear();
  const movements = [
    {
      unitId: h.units['CT-CA']!,
      name: 'Vì an ninh Tổ quốc',
      theme: 'Bảo vệ an ninh, trật tự',
      launchDate: `${year}-02-10`,
    },
  ];
  const planWithMovements = { ...plan, movements };
  await runToVoting(port, h.cast, planWithMovements, { merit: h.merit() });
  const v0 = await port.view();
  expect(v0.plan?.movements).toEqual(movements);
  const head = h.cast.officerOf[v0.actingHeadUnitId]!;
  const member = h.cast.officerOf[h.units['CT-STP']!]!;
  const act = (user: string, path: string, body: Record<string, unknown>) => port.act(user, path, body, randomUUID());
  const schedule = {
    kind: 'yearEnd',
    at: `${year + 1}-01-04T08:00:00+07:00`,
    place: 'Hội trường Công an thành phố',
    hostUnitId: v0.actingHeadUnitId,
    chair: { name: 'Nguyễn Văn Chủ', title: 'Giám đốc' },
    agenda: ['Tổng kết phong trào thi đua', 'Bình xét, suy tôn'],
  };

  // Out of season (April N+1) and a member unit that is not the head: refused with the path.
  expect(
    await rejected(act(head, '/meetings/schedule', { ...schedule, at: `${year + 1}-04-02T08:00:00+07:00` })),
  ).toMatch(/VALIDATION.*between/);
  expect(await rejected(act(member, '/meetings/schedule', schedule))).toMatch(/FORBIDDEN/);

  await act(head, '/meetings/schedule', schedule);
  const invite = h.stub
    .inputs('notify')
    .filter((n) => n.cycleId === workflowId && n.title.startsWith('Triệu tập'))
    .at(-1)!;
  expect(invite.unitIds?.sort()).toEqual(Object.values(h.units).sort());
  expect(invite.body).toContain(`${year + 1}-01-04 08:00`);
  expect(invite.body).toContain('Hội trường Công an thành phố');
  expect(invite.body).toContain('- Bình xét, suy tôn');

  const units = v0.units.map((u) => u.unitId);
  const attendance = units.map((unitId, i) => ({
    unitId,
    people: [{ name: `Đại biểu ${i + 1}`, title: 'Phó Giám đốc' }],
  }));
  await act(head, '/meetings/record', {
    kind: 'yearEnd',
    endedAt: `${year + 1}-01-04T11:30:00+07:00`,
    attendance,
    guests: [
      {
        name: 'Trần Khách',
        title: 'Phó Trưởng ban',
        organisation: 'Ban Thi đua - Khen thưởng',
        group: 'councilDelegate',
      },
    ],
  });
  // The vote opens on the recorded roll (no presentUnitIds needed); another list is refused.
  expect(await rejected(act(head, '/meeting', { presentUnitIds: units.slice(0, 5) }))).toMatch(/VALIDATION/);
  await act(head, '/meeting', {});
  let v = await port.view();
  expect(v.meeting).toEqual({ presentUnitIds: units, quorumMet: true });
  expect(v.meetings.yearEnd).toMatchObject({ status: 'held', place: schedule.place, startedAt: schedule.at });
  const projected = h.stub
    .inputs('projectCycle')
    .filter((p) => p.cycleId === workflowId)
    .at(-1)!;
  expect(projected.meetings?.yearEnd?.attendance).toHaveLength(units.length);

  // Annulled before any ballot: the vote waits (no ballot accepted) until the re-held conference opens it.
  await act(head, '/meetings/annul', { kind: 'yearEnd', reason: 'Triệu tập sai thành phần' });
  v = await port.view();
  expect(v.meetings.yearEnd).toBeNull();
  expect(v.meetings.annulled).toEqual([
    expect.objectContaining({ status: 'annulled', annulReason: 'Triệu tập sai thành phần' }),
  ]);
  const open = v.contests.find((c) => c.status === 'open')!;
  const voter = units.find((u) => u !== v.actingHeadUnitId)!;
  const ballot = { unitId: voter, contest: open.contest, round: open.round, choices: [] };
  expect(await rejected(act(h.cast.officerOf[voter]!, '/ballots', ballot))).toMatch(/WRONG_PHASE.*annulled/);

  await act(head, '/meetings/schedule', { ...schedule, at: `${year + 1}-01-11T08:00:00+07:00`, place: 'Hội trường B' });
  await act(head, '/meetings/record', {
    kind: 'yearEnd',
    endedAt: `${year + 1}-01-11T11:00:00+07:00`,
    attendance: attendance.slice(0, 6),
  });
  await act(head, '/meeting', {});
  v = await port.view();
  expect(v.meeting).toEqual({ presentUnitIds: units.slice(0, 6), quorumMet: true });
  expect(v.meetings.yearEnd).toMatchObject({ place: 'Hội trường B', startedAt: `${year + 1}-01-11T08:00:00+07:00` });

  // A ballot is cast: the conference's vote stands.
  const voter2 = units.slice(0, 6).find((u) => u !== v.actingHeadUnitId)!;
  await act(h.cast.officerOf[voter2]!, '/ballots', { ...ballot, unitId: voter2 });
  expect(await rejected(act(head, '/meetings/annul', { kind: 'yearEnd', reason: 'Thử hủy' }))).toMatch(/CONFLICT/);
  const audits = h.stub.inputs('audit').filter((a) => a.workflowId === workflowId && a.action.startsWith('meeting.'));
  expect(audits.map((a) => a.action)).toEqual([
    'meeting.schedule',
    'meeting.record',
    'meeting.open',
    'meeting.annul',
    'meeting.schedule',
    'meeting.record',
    'meeting.open',
  ]);
});
