/**
 * The year-end conference as a record, over HTTP on the real system (Express, a Temporal dev server, a worker with
 * real activities, a seeded SQLite file): the Cần Thơ bloc's 2026 conference is scheduled for 4 January 2027 at a
 * named hall, annulled and scheduled again, recorded with the people present and a guest, and the minutes (PDF and
 * DOCX) carry its date, place, chair and attendees; a unit's own movement from the plan is printed too.
 * Refused: another unit's officer (403), a body without an agenda (4xx with the Zod path).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db';
import { DAY, planFor, runToVoting, runVoting, waitFor, type BlocCast } from '../support/scenario';
import { httpPort } from '../support/http-port';
import { TEST_PASSWORD } from '../support/db';
import { startRealSystem, type RealSystem } from '../support/real-system';
import { castOf } from '../support/workflow-port';
import { bodyText, docxDocumentXml, docxParagraphs, pdfToText, squash } from '../documents/helpers';

jest.setTimeout(240_000);

let system: RealSystem;
let db: Db;
let base: string;
let cast: BlocCast;

beforeAll(async () => {
  system = await startRealSystem();
  ({ db, base } = system);
  cast = await castOf(db, 'CT-NOICHINH');
});

afterAll(() => system?.stop());

test('a year-end conference held on 4 January N+1 at a named hall: the minutes carry its date, place, chair and attendees', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  const head = cast.officerOf[bloc.headUnitId!]!;
  const unitIds = Object.keys(cast.officerOf);
  const movementUnit = unitIds.find((u) => u !== bloc.headUnitId)!;
  const plan = {
    ...planFor(2026, Date.now(), 30 * DAY),
    movements: [
      {
        unitId: movementUnit,
        name: 'Thi đua nước rút',
        theme: 'Hoàn thành vượt chỉ tiêu',
        launchDate: '2026-02-15',
      },
    ],
  };
  const probe = httpPort(base, 'none', TEST_PASSWORD);
  const post = async (user: string, path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await probe.token(user)}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      json: (await res.json().catch(() => ({}))) as { cycleId?: string; error: { issues?: unknown[] } },
    };
  };
  const started = await post(head, `/api/blocs/${bloc.id}/cycles`, { year: 2026, plan });
  expect(started.status).toBe(201);
  const cycleId = started.json.cycleId as string;
  const port = httpPort(base, cycleId, TEST_PASSWORD);
  const view = await port.view();
  const units = view.units.map((u) => u.unitId);
  const member = cast.officerOf[units.find((u) => u !== view.headUnitId && u !== view.deputyUnitId)!]!;
  await runToVoting(port, cast, plan, { merit: units });

  const act = (user: string, path: string, body: unknown) =>
    post(user, `/api/cycles/${encodeURIComponent(cycleId)}${path}`, body);
  const schedule = {
    kind: 'yearEnd',
    at: '2027-01-04T08:00:00+07:00',
    place: 'Hội trường Công an thành phố Cần Thơ, số 9 đường Trần Phú',
    hostUnitId: view.headUnitId,
    chair: { name: 'Lê Văn Chủ Trì', title: 'Phó Giám đốc Công an thành phố' },
    agenda: ['Tổng kết phong trào thi đua năm 2026', 'Bình xét, suy tôn đơn vị dẫn đầu'],
  };

  // Wrong role: another unit's officer may not schedule the conference; a body without an agenda is refused with the path.
  expect((await act(member, '/meetings/schedule', schedule)).status).toBe(403);
  const bad = await act(head, '/meetings/schedule', { ...schedule, agenda: [] });
  expect([400, 422]).toContain(bad.status);
  expect(bad.json.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['agenda'] })]));
  const outOfSeason = await act(head, '/meetings/schedule', { ...schedule, at: '2027-04-04T08:00:00+07:00' });
  expect(outOfSeason.status).toBe(400);
  expect(outOfSeason.json.error.issues).toEqual([expect.objectContaining({ path: ['at'] })]);

  // Scheduled at the wrong hall, annulled with a reason, scheduled again: the units are invited with the agenda.
  expect((await act(head, '/meetings/schedule', { ...schedule, place: 'Phòng họp cũ' })).status).toBe(200);
  expect((await act(head, '/meetings/annul', { kind: 'yearEnd', reason: 'Đổi địa điểm tổ chức' })).status).toBe(200);
  expect((await act(head, '/meetings/schedule', schedule)).status).toBe(200);
  const invited = await db.prisma.notification.findMany({
    where: { cycleId, title: { startsWith: 'Triệu tập' }, recipientUnitId: movementUnit },
    orderBy: { createdAt: 'asc' },
  });
  expect(invited).toHaveLength(2);
  expect(invited.at(-1)!.body).toContain('Bình xét, suy tôn đơn vị dẫn đầu');
  const annulAudit = await db.prisma.auditLog.findFirstOrThrow({
    where: { workflowId: cycleId, action: 'meeting.annul' },
  });
  expect(annulAudit.after).toMatchObject({ reason: 'Đổi địa điểm tổ chức' });

  const unitRows = await db.prisma.unit.findMany({ where: { id: { in: units } } });
  const name = (id: string) => unitRows.find((u) => u.id === id)!.name;
  const attendance = units.map((unitId, i) => ({
    unitId,
    people: [{ name: `Nguyễn Đại Biểu ${String.fromCharCode(65 + i)}`, title: 'Phó Thủ trưởng đơn vị' }],
  }));
  const recorded = await act(head, '/meetings/record', {
    kind: 'yearEnd',
    endedAt: '2027-01-04T11:30:00+07:00',
    attendance,
    guests: [
      {
        name: 'Trần Thị Khách Mời',
        title: 'Phó Trưởng ban',
        organisation: 'Ban Thi đua - Khen thưởng thành phố',
        group: 'councilDelegate',
      },
    ],
  });
  expect(recorded.status).toBe(200);
  await runVoting(port, cast, { merit: units });
  await waitFor('the projection past the vote', async () => {
    const c = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    return c.phase === 'council' || c.phase === 'handover' || c.phase === 'closed';
  });
  const row = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
  expect(row.meetings).toMatchObject({
    yearEnd: { status: 'held', place: schedule.place },
    annulled: [{ place: 'Phòng họp cũ' }],
  });

  const download = async (format: string, kind = 'minutes') => {
    const res = await fetch(`${base}/api/cycles/${encodeURIComponent(cycleId)}/documents/${kind}.${format}`, {
      headers: { authorization: `Bearer ${await probe.token(member)}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const pdf = squash(bodyText(pdfToText(await download('pdf'))));
  const docx = squash(docxParagraphs(docxDocumentXml(await download('docx'))).join(' '));
  for (const text of [pdf, docx]) {
    expect(text).toContain('ngày 04 tháng 01 năm 2027');
    expect(text).toContain(`Địa điểm: ${schedule.place}`);
    expect(text).toContain('Lê Văn Chủ Trì, Phó Giám đốc Công an thành phố');
    expect(text).toContain('Trần Thị Khách Mời');
    expect(text).toContain('Bình xét, suy tôn đơn vị dẫn đầu');
    expect(text).toContain('Thi đua nước rút');
    for (const [i, a] of attendance.entries()) {
      expect(text).toContain(`${name(a.unitId)}: đồng chí ${attendance[i]!.people[0]!.name}`);
    }
    expect(text).not.toContain('Phòng họp cũ');
  }

  // The other documents of the conference: the ballot count at its hall and date, the proposal letter not before it.
  const count = squash(bodyText(pdfToText(await download('pdf', 'ballot-count'))));
  expect(count).toContain(schedule.place);
  expect(count).toContain('ngày 04 tháng 01 năm 2027');
  const letter = squash(bodyText(pdfToText(await download('pdf', 'proposal'))));
  expect(letter).toContain('Cần Thơ, ngày 04 tháng 01 năm 2027');
});
