/**
 * A whole cycle through the web UI in Debian's Chromium (playwright-core, no browser download),
 * against the real app, worker, Temporal dev server and database. Screenshots of every page
 * are kept in test-artifacts/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Db } from '../../db';
import { TEST_PASSWORD } from '../support/db';
import { startRealSystem, type RealSystem } from '../support/real-system';

jest.setTimeout(300_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve('test-artifacts/screenshots');

let system: RealSystem;
let db: Db;
let base: string;
let context: BrowserContext;
let page: Page;
let userDataDir: string;

beforeAll(async () => {
  system = await startRealSystem();
  ({ db, base } = system);
  fs.mkdirSync(SHOTS, { recursive: true });
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await system?.stop();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function login(username: string) {
  await page.goto(`${base}/#/login`);
  await page.evaluate('sessionStorage.removeItem("token")');
  await page.reload();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Khối thi đua', exact: true }).waitFor();
}

/** Opens the cycle page and reloads until `ready` is visible (the workflow moves on asynchronously). */
async function openCycle(cycleId: string, ready: string) {
  for (let i = 0; i < 60; i++) {
    const target = `${base}/#/cycle/${encodeURIComponent(cycleId)}`;
    // Same URL + hash is not a navigation: reload to fetch the cycle afresh.
    if (page.url() === target) await page.reload();
    else await page.goto(target);
    await page.waitForLoadState('networkidle');
    if (await page.locator(ready).first().isVisible()) return;
    await page.waitForTimeout(250);
  }
  await shot(`stuck-${ready.replace(/\W+/g, '_')}`);
  // Say why: a pending activity's last failure, if the workflow is waiting on one.
  const described = await system.env.client.workflow.getHandle(cycleId).describe();
  const pending = (described.raw.pendingActivities ?? []).map((a) => `${a.activityType?.name}: ${a.lastFailure?.message ?? 'no failure'} (attempt ${a.attempt})`);
  const history = await system.env.client.workflow.getHandle(cycleId).fetchHistory();
  const failures = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).map((e) => e.workflowTaskFailedEventAttributes?.failure?.message);
  throw new Error(`${ready} never appeared on ${cycleId}; pending activities: ${pending.join('; ') || 'none'}; workflow task failures: ${[...new Set(failures)].join('; ') || 'none'}`);
}

const submitAndWait = async (buttonName: string) => {
  await page.getByRole('button', { name: buttonName, exact: true }).first().click();
  await page.locator('#status').filter({ hasText: 'Đã ghi nhận' }).waitFor();
};

test('keyboard only: log in with Tab and Enter', async () => {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Tên đăng nhập').focus();
  await page.keyboard.type('tn.ca');
  await page.keyboard.press('Tab');
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Khối thi đua', exact: true }).waitFor();
  await page.getByRole('heading', { name: /Tây Ninh/ }).waitFor();
  expect(await page.locator('#who').textContent()).toContain('tn.ca');
  await shot('01-home-keyboard');
});

test('a whole cycle through the UI: start, pledge, report, score, vote, council, handover', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'TN-NOICHINH' }, include: { memberships: { include: { unit: true } } } });
  const officer = (code: string) => code.toLowerCase().replace(/-/g, '.');
  const units = bloc.memberships.map((m) => m.unit);
  const head = officer(units.find((u) => u.id === bloc.headUnitId)!.code);

  // The head starts the cycle and publishes the default plan.
  await login(head);
  await shot('02-home-head');
  await page.getByRole('button', { name: 'Bắt đầu chu kỳ' }).click();
  await page.waitForURL(/#\/cycle\//);
  const cycleId = decodeURIComponent(page.url().split('#/cycle/')[1]!);
  await openCycle(cycleId, '#plan');
  await shot('03-launch-plan');
  await submitAndWait('Ban hành kế hoạch');

  // Every unit signs the pledge; the head accepts each.
  for (const u of units) {
    await login(officer(u.code));
    await openCycle(cycleId, '#pledge');
    if (u.code === 'TN-CA') await shot('04-unit-pledge-form');
    await submitAndWait('Ký giao ước');
  }
  await login(head);
  for (const u of units) {
    await openCycle(cycleId, `tr[data-unit="${u.id}"] button:has-text("Chấp nhận")`);
    await page.getByRole('button', { name: `Chấp nhận: ${u.name}` }).click();
    await page.locator('#status').filter({ hasText: 'Đã ghi nhận' }).waitFor();
  }

  // Mid-year reports and the bloc report.
  for (const u of units) {
    await login(officer(u.code));
    await openCycle(cycleId, '#report');
    await submitAndWait('Gửi báo cáo');
  }
  await login(head);
  await openCycle(cycleId, '#compile');
  await submitAndWait('Tổng hợp báo cáo của khối');

  // Self-scores: the first criterion differs per unit so the ranking is meaningful.
  for (const [i, u] of units.entries()) {
    await login(officer(u.code));
    await openCycle(cycleId, '#self-score');
    await page.locator('#self-score input[type=number]').first().fill(String(Math.max(0, 30 - i * 3)));
    if (i === 0) await shot('05-self-score');
    await submitAndWait('Gửi bảng tự chấm');
  }
  await login(head);
  await openCycle(cycleId, '#close-review');
  await page.locator('#close-review').click();

  // The meeting: everyone present; each contest voted until decided.
  await openCycle(cycleId, '#meeting');
  await shot('06-open-meeting');
  await submitAndWait('Khai mạc hội nghị bình xét');
  for (const contest of ['leader', 'certificate']) {
    for (const u of units) {
      await login(officer(u.code));
      await openCycle(cycleId, `#ballot-${contest}`);
      const options = page.locator(`#ballot-${contest} input`);
      const seats = contest === 'leader' ? 1 : 3;
      for (let k = 0; k < seats; k++) await options.nth(k).check();
      if (contest === 'leader' && u.code === 'TN-CA') await shot('07-secret-ballot');
      await submitAndWait('Bỏ phiếu');
    }
  }

  // The council votes and the secretary approves every proposal.
  const proposals = () => db.prisma.proposal.findMany({ where: { cycleId } });
  const awaited = await (async () => {
    for (let i = 0; i < 60; i++) {
      const ps = await proposals();
      if (ps.length > 0) return ps;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('no proposals');
  })();
  for (const member of ['tn.hd1', 'tn.hd2', 'tn.hd3', 'tn.hd4', 'tn.hd5']) {
    await login(member);
    for (const p of awaited) {
      const unit = units.find((u) => u.id === p.unitId)!;
      await openCycle(cycleId, `tr[data-proposal="${p.id}"] button:has-text("Tán thành")`);
      await page.getByRole('button', { name: `Tán thành: ${unit.name}`, exact: true }).click();
      await page.locator('#status').filter({ hasText: 'Đã ghi nhận' }).waitFor();
    }
  }
  await login('tn.tk');
  for (const [i, p] of awaited.entries()) {
    const formId = `#decision-${p.unitId}-${p.awardType}`;
    await openCycle(cycleId, formId);
    await page.locator(`${formId} input[name=decisionNumber]`).fill(`${String(i + 1).padStart(2, '0')}/QĐ-UBND`);
    if (i === 0) await shot('08-council-decision');
    await page.locator(`${formId} button[type=submit]`).click();
    await page.locator('#status').filter({ hasText: 'Đã ghi nhận' }).waitFor();
  }

  // The head records the handover; the results page shows the ranking, the flag and next year.
  await login(head);
  await openCycle(cycleId, '#record-handover');
  await page.locator('#record-handover').click();
  await openCycle(cycleId, '#next-year');
  await shot('09-results');
  const results = page.locator('#results');
  expect(await results.locator('tbody tr').count()).toBe(units.length);
  expect(await results.textContent()).toContain('Đơn vị dẫn đầu (Cờ thi đua)');
  expect(await results.textContent()).toContain('đã phê duyệt');
  expect(await page.locator('#next-year').textContent()).toContain('cycle-TN-NOICHINH-');
  expect(await results.locator('svg.chart rect').count()).toBe(units.length * 2);

  // English switch.
  await page.getByRole('button', { name: 'Ngôn ngữ / Language' }).click();
  await page.getByRole('heading', { name: 'Results' }).waitFor();
  await shot('10-results-en');
});
