/**
 * Onboarding a province through the web UI (issue 12), in Debian's Chromium (test/support/browser.ts) against the
 * real app, worker, Temporal dev server and seeded SQLite: the admin opens "Nhập dữ liệu" from the navigation,
 * downloads the XLSX template, checks a workbook with one bad row (the dry run lists sheet, row and column and
 * writes nothing), imports it, and reads the two imported past years in the unit's history.
 * Screenshots: test-artifacts/screenshots/import-*.png.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expectAccessible, shot, systemWithBrowserForThisFile } from '../support/browser';
import { workbook } from '../support/import-files';

jest.setTimeout(180_000);

const { sys, browser } = systemWithBrowserForThisFile();

test('the admin downloads the template, checks a file with a bad row, imports it and reads the past years', async () => {
  const created = await sys.call('POST', '/api/admin/provinces', {
    as: 'admin',
    body: { code: 'HG', name: 'Hậu Giang' },
    key: randomUUID(),
  });
  expect(created.status).toBe(201);
  const page = await browser.as('admin');
  await page.locator('#nav').getByRole('link', { name: 'Nhập dữ liệu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu tỉnh' }).waitFor();
  await expectAccessible(page);

  // The template, as the browser saves it: the workbook with its Vietnamese sheets.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải mẫu Excel (XLSX)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('mau-nhap-du-lieu.xlsx');
  const template = new ExcelJS.Workbook();
  await template.xlsx.load(fs.readFileSync(await download.path()) as never);
  expect(template.worksheets.map((w) => w.name)).toContain('Kết quả các năm');

  await page.getByLabel('Tỉnh').selectOption({ label: 'Hậu Giang (HG)' });
  await page.getByLabel('Tệp XLSX hoặc CSV').setInputFiles({
    name: 'hau-giang.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbook(),
  });
  await page.getByLabel(/Mật khẩu ban đầu/).fill('hg-khoi-tao-2026');

  await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
  await page.locator('#notice').filter({ hasText: 'Chưa ghi dữ liệu nào' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Kết quả kiểm tra (chưa ghi)' }).waitFor();
  const errorRows = page.locator('#import-report table.import-errors tbody tr');
  expect(await errorRows.count()).toBe(1);
  expect((await errorRows.first().locator('td').allInnerTexts()).slice(0, 3)).toEqual([
    'Đơn vị',
    '5',
    'Tỷ lệ nữ (0–1)',
  ]);
  await shot(page, 'import-1-dry-run');
  expect(await sys.db.prisma.unit.count({ where: { code: { startsWith: 'HG-' } } })).toBe(0);

  await page.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).click();
  await page.locator('#notice').filter({ hasText: 'Đã nhập dữ liệu' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Kết quả nhập' }).waitFor();
  const units = page.locator('#import-report tbody tr').first();
  expect(await units.locator('th').innerText()).toBe('Đơn vị');
  expect(await units.locator('td').allInnerTexts()).toEqual(['3', '0', '0', '1']);
  await shot(page, 'import-2-imported');
  await expectAccessible(page);

  // The past years, on the unit's history page.
  const tand = await sys.db.prisma.unit.findUniqueOrThrow({ where: { code: 'HG-TAND' } });
  await page.goto(`${sys.base}/#/unit/${tand.id}/history`);
  await page.locator('#unit-history tr[data-year="2025"]').waitFor();
  expect(await page.locator('#unit-history tr[data-year="2024"]').count()).toBe(1);
  await shot(page, 'import-3-unit-history');
});
