/**
 * The province's year at a glance through the web UI (issue 13 item 5), in Debian's Chromium against the real app,
 * worker, Temporal dev server and seeded SQLite. The year's award decisions of two Cần Thơ blocs are put STRAIGHT
 * INTO THE DATABASE (test/support/government-flag.ts: closed bloc-years with approved provincial flags, decisions
 * and scores) instead of running whole years; a unit officer of the province opens "Tổng quan năm" from the
 * navigation, reads every bloc and the totals, and downloads the Excel workbook, which opens with exceljs and
 * sums to the decisions' money. An officer of another province gets no such page. Screenshots:
 * test-artifacts/screenshots/py-*.png.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { vnDateOf } from '../../domain/vietnam-time';
import { expectAccessible, shot, systemWithBrowserForThisFile } from '../support/browser';
import { seedBlocLeaders } from '../support/government-flag';

jest.setTimeout(120_000);

const { sys, browser } = systemWithBrowserForThisFile();

// The year the page opens on: until 30 June the previous year's (its awards are decided in the new year).
const today = vnDateOf(Date.now());
const year = Number(today.slice(5, 7)) <= 6 ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));

test('a unit officer reads the province’s year and downloads the Excel workbook', async () => {
  const leaders = await seedBlocLeaders(sys.db, year, { fromSeeded: ['CT-TTR', 'CT-CA'], fromSecond: 2 });
  const decisions = await sys.db.prisma.awardDecision.findMany({
    where: { proposal: { cycleId: { in: leaders.cycles } } },
    select: { amountVnd: true },
  });
  expect(decisions).toHaveLength(4);
  const total = decisions.reduce((t, d) => t + d.amountVnd, 0);
  const money = (vnd: number) => `${new Intl.NumberFormat('vi-VN').format(vnd)} ₫`;

  const page = await browser.as('ct.tand');
  await page.locator('#nav').getByRole('link', { name: 'Tổng quan năm' }).click();
  // One province to read: straight to its year.
  await page.getByRole('heading', { level: 1, name: `Tổng quan năm ${year} — Thành phố Cần Thơ` }).waitFor();
  expect(await page.locator('#nav a[aria-current="page"]').innerText()).toBe('Tổng quan năm');
  const totals = await page.locator('#py-totals').innerText();
  expect(totals).toContain('4');
  expect(await page.locator('#py-money').innerText()).toBe(money(total));
  expect(await page.locator('tr[data-award="emulation-flag"]').innerText()).toMatch(
    new RegExp(`Cờ thi đua[\\s\\S]*4[\\s\\S]*${money(total).replace(/\./g, '\\.')}`),
  );
  for (const code of ['CT-NOICHINH', 'CT-VANXA']) {
    const row = page.locator(`tr[data-bloc="${code}"]`);
    expect(await row.getAttribute('data-phase')).toBe('closed');
    const text = await row.innerText();
    expect(text).toContain('Kết thúc');
    expect(text).toContain('Trưởng khối');
    expect(text).toMatch(/Cờ thi đua \(đơn vị dẫn đầu\): 2 được duyệt/);
    expect(text).toContain('Số 10/QĐ-UBND');
    expect(text).toContain(money(total / 2));
  }
  expect(await page.locator('tr[data-bloc="CT-VANXA"]').innerText()).toContain('Sở Văn hóa – Xã hội số 1 (90)');
  await expectAccessible(page);
  await shot(page, 'py-01-overview');

  // The workbook, fetched with the tab's token and saved as a file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải tệp Excel (XLSX)' }).click(),
  ]);
  await page.locator('#notice').filter({ hasText: 'Đã tải xuống' }).waitFor();
  expect(download.suggestedFilename()).toBe(`tong-hop-khen-thuong-CT-${year}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as never);
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    'Xếp hạng',
    'Danh sách khen thưởng',
    'Tổng hợp kinh phí',
    'Phiên xét khen thưởng tỉnh',
    'Quyết định của phiên họp',
  ]);
  const sheet = wb.getWorksheet('Tổng hợp kinh phí')!;
  expect((sheet.getRow(sheet.rowCount).values as unknown[]).slice(1)).toEqual(['Tổng cộng', 4, total]);
  expect(wb.getWorksheet('Danh sách khen thưởng')!.rowCount).toBe(2 + 4);

  // Another province's officer: the page is not theirs (404, like a province that does not exist).
  const other = await browser.as('tn.ca');
  await other.goto(`${sys.base}/#/province/${encodeURIComponent(leaders.provinceId)}/year/${year}`);
  await other.getByRole('heading', { level: 1, name: 'Không tải được dữ liệu' }).waitFor();
  await shot(other, 'py-02-other-province');
});
