/**
 * The year-end conference as a record, through the web UI in Debian's Chromium (test/support/browser.ts) against the
 * real app, worker, Temporal dev server and seeded SQLite. The Cần Thơ bloc's 2026 year is driven to the vote over
 * HTTP (test/support/scenario.ts); then the head, on the meeting tab, schedules the conference for 4 January 2027,
 * annuls it (wrong hall) with a reason, schedules it again and records it as held with the people present per unit
 * and a guest; a member unit's officer sees the record. Screenshots: test-artifacts/screenshots/meeting-*.png.
 */
import type { Page } from 'playwright-core';
import { expectAccessible, shot, submit, systemWithBrowserForThisFile } from '../support/browser';
import { TEST_PASSWORD } from '../support/db';
import { httpPort } from '../support/http-port';
import { DAY, planFor, runToVoting } from '../support/scenario';
import { castOf } from '../support/workflow-port';

jest.setTimeout(180_000);

const { sys, browser } = systemWithBrowserForThisFile();

async function schedule(page: Page, place: string): Promise<void> {
  const form = page.locator('#schedule-meeting');
  await form.getByLabel('Hội nghị', { exact: true }).selectOption('yearEnd');
  await form.getByLabel('Thời gian', { exact: true }).fill('2027-01-04T08:00');
  await form.getByLabel('Địa điểm', { exact: true }).fill(place);
  await form.getByLabel('Họ tên người chủ trì').fill('Lê Văn Chủ Trì');
  await form.getByLabel('Chức vụ người chủ trì').fill('Phó Giám đốc');
  await form.getByLabel('Chương trình').fill('Tổng kết phong trào thi đua năm 2026\nBình xét, suy tôn');
  await submit(page, form.getByRole('button', { name: 'Gửi giấy triệu tập' }), /Đã triệu tập hội nghị/);
}

test('the head schedules the year-end conference for 4 January N+1, annuls and re-schedules it, and records who came', async () => {
  const cast = await castOf(sys.db, 'CT-NOICHINH');
  const bloc = await sys.db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  const headUser = cast.officerOf[bloc.headUnitId!]!;
  const movementUnit = Object.keys(cast.officerOf).find((u) => u !== bloc.headUnitId)!;
  const plan = {
    ...planFor(2026, Date.now(), 30 * DAY),
    movements: [{ unitId: movementUnit, name: 'Thi đua nước rút', theme: 'Về đích sớm', launchDate: '2026-02-15' }],
  };
  const probe = httpPort(sys.base, 'none', TEST_PASSWORD);
  const res = await fetch(`${sys.base}/api/blocs/${bloc.id}/cycles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await probe.token(headUser)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ year: 2026, plan }),
  });
  expect(res.status).toBe(201);
  const cycleId = ((await res.json()) as { cycleId: string }).cycleId;
  const port = httpPort(sys.base, cycleId, TEST_PASSWORD);
  const units = (await port.view()).units;
  await runToVoting(port, cast, plan, { merit: units.map((u) => u.unitId) });

  const head = await browser.as(headUser);
  await head.goto(`${sys.base}/#/cycle/${encodeURIComponent(cycleId)}/meeting`);
  const card = head.locator('#meeting-record');
  await card.getByText('Chưa có hội nghị nào được triệu tập.').waitFor();
  await expectAccessible(head);
  await shot(head, 'meeting-01-empty');

  await schedule(head, 'Phòng họp cũ');
  await card.getByText('Phòng họp cũ').first().waitFor();
  const annul = head.locator('#annul-meeting');
  await annul.getByLabel('Hội nghị', { exact: true }).selectOption('yearEnd');
  await annul.getByLabel('Lý do').fill('Đổi địa điểm tổ chức');
  await submit(head, annul.getByRole('button', { name: 'Hủy hội nghị' }), /Đã hủy hội nghị/);
  await card
    .locator('ul.annulled')
    .getByText(/Đổi địa điểm tổ chức/)
    .waitFor();

  const hall = 'Hội trường Công an thành phố Cần Thơ';
  await schedule(head, hall);
  await card.locator('.meeting-record[data-kind="yearEnd"]').getByText(hall).waitFor();

  const record = head.locator('#record-meeting');
  await record.getByLabel('Hội nghị', { exact: true }).selectOption('yearEnd');
  await record.getByLabel('Thời gian kết thúc').fill('2027-01-04T11:30');
  for (const [i, u] of units.entries())
    await record.getByLabel(`Người dự họp của ${u.name}`).fill(`Nguyễn Đại Biểu ${i + 1}, Phó Thủ trưởng`);
  await record.getByLabel('Khách mời').fill('Trần Thị Khách; Phó Trưởng ban; Ban Thi đua - Khen thưởng');
  await shot(head, 'meeting-02-record-form');
  await submit(head, record.getByRole('button', { name: 'Ghi nhận hội nghị' }), /Đã ghi nhận hội nghị/);
  const held = card.locator('.meeting-record[data-kind="yearEnd"]');
  await held.getByText('đã tổ chức').waitFor();
  const text = await held.innerText();
  expect(text).toContain(hall);
  expect(text).toContain('Lê Văn Chủ Trì, Phó Giám đốc');
  expect(text).toContain(`${units[0]!.name}: Nguyễn Đại Biểu 1 (Phó Thủ trưởng)`);
  expect(text).toContain('Trần Thị Khách, Phó Trưởng ban, Ban Thi đua - Khen thưởng');
  await shot(head, 'meeting-03-held');

  // What the workflow recorded is what was typed, in Vietnam time.
  const live = await port.view();
  expect(live.meetings.yearEnd).toMatchObject({
    status: 'held',
    at: '2027-01-04T08:00:00+07:00',
    endedAt: '2027-01-04T11:30:00+07:00',
    place: hall,
  });
  expect(live.meetings.annulled).toEqual([expect.objectContaining({ annulReason: 'Đổi địa điểm tổ chức' })]);

  // The plan card lists the units' own movements.
  await head.goto(`${sys.base}/#/cycle/${encodeURIComponent(cycleId)}/overview`);
  await head
    .locator('ul.movements')
    .getByText(/phong trào “Thi đua nước rút”, chủ đề “Về đích sớm”, phát động 15\/02\/2026/)
    .waitFor();

  // A member unit's officer reads the record, without the head's forms.
  const memberUnit = units.find((u) => u.unitId !== bloc.headUnitId && u.unitId !== bloc.deputyUnitId)!;
  const member = await browser.as(cast.officerOf[memberUnit.unitId]!);
  await member.goto(`${sys.base}/#/cycle/${encodeURIComponent(cycleId)}/meeting`);
  await member.locator('#meeting-record .meeting-record[data-kind="yearEnd"]').getByText(hall).waitFor();
  expect(await member.locator('#schedule-meeting').count()).toBe(0);
});
