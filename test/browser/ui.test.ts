/**
 * A whole bloc-year through the web UI, in Debian's Chromium (playwright-core, no browser
 * download), against the real app, worker, Temporal dev server and a seeded SQLite database.
 *
 * Each user works in a tab of their own (the token lives in the tab's sessionStorage), so the head,
 * the six unit officers, the council members and the secretary stay logged in side by side, as
 * they would on their own machines. The pages follow the workflow by polling; the test never
 * reloads. A screenshot of each page is kept in test-artifacts/screenshots/.
 */
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { Db } from '../../db';
import { officerUsername } from '../../prisma/seed-data';
import { TEST_PASSWORD } from '../support/db';
import { expectAccessible, launchBrowser, shot, submit, type BrowserSession } from '../support/browser';
import { startSystem, type System } from '../support/system';

jest.setTimeout(300_000);

const HOUR = 3_600_000;

let sys: System;
let db: Db;
let base: string;
let browser: BrowserSession;
const requests: Record<string, number[]> = {};
/** "POST /ballots 12× median 250 ms, GET live 40×" since the last call. */
function requestSummary(): string {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const out = Object.entries(requests)
    .map(([k, xs]) => `${k} ${xs.length}×${k.startsWith('POST') ? ` median ${Math.round(median(xs))} ms` : ''}`)
    .join(', ');
  for (const k of Object.keys(requests)) delete requests[k];
  return out;
}
let t0 = Date.now();
const step = (name: string) => {
  process.stderr.write(`[ui] ${name}: ${((Date.now() - t0) / 1000).toFixed(1)}s (${requestSummary()})\n`);
  t0 = Date.now();
};

beforeAll(async () => {
  // The whole product, real: seeded SQLite, Temporal dev server, worker, Express (test/support).
  sys = await startSystem();
  ({ db, base } = sys);
  browser = await launchBrowser(base);
  // What the pages ask the API (for the timing lines): acts' durations, and how often /live is polled.
  browser.context.on('requestfinished', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/')) return;
    const kind =
      r.method() === 'POST'
        ? `POST ${url.pathname.replace(/^\/api\/cycles\/[^/]+/, '')}`
        : url.pathname.endsWith('/live')
          ? 'GET live'
          : 'GET other';
    (requests[kind] ??= []).push(r.timing().responseEnd);
  });
});

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

afterEach(() => {
  expect(browser.pageErrors).toEqual([]);
});

// ─────────────────────────────────────────────────────────────────────────── helpers

/** One tab per user, logged in once (test/support/browser.ts). */
const as = (username: string): Promise<Page> => browser.as(username);

async function open(page: Page, cycleId: string, tab: string): Promise<void> {
  await page.bringToFront();
  await page.goto(`${base}/#/cycle/${encodeURIComponent(cycleId)}/${tab}`);
}

/** Clicks a download button; returns the file the browser saved (name and bytes). */
async function downloadThrough(
  page: Page,
  press: Locator | (() => Promise<void>),
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    typeof press === 'function' ? press() : press.click(),
  ]);
  const file = await download.path();
  await page.locator('#notice').filter({ hasText: 'Đã tải xuống' }).waitFor();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** "2026-11-22T14:05" for an <input type="datetime-local"> (same time zone as the browser). */
const localInput = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

interface Unit {
  id: string;
  code: string;
  name: string;
  officer: string;
}

async function blocCast(code: string) {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({
    where: { code },
    include: { memberships: { where: { leftOn: null }, include: { unit: true } } },
  });
  const units: Unit[] = bloc.memberships.map((m) => ({
    id: m.unit.id,
    code: m.unit.code,
    name: m.unit.name,
    officer: officerUsername(m.unit.code),
  }));
  const unit = (id: string | null) => units.find((u) => u.id === id)!;
  return { bloc, units, head: unit(bloc.headUnitId), deputy: unit(bloc.deputyUnitId) };
}

// ─────────────────────────────────────────────────────────────────────────── the acts, as a user does them

/** The head starts the year from the bloc list, with deadlines a few hours apart (nothing expires during the test). */
async function startCycle(head: Page, blocCode: string): Promise<string> {
  await head.goto(`${base}/#/`);
  await head
    .locator(`[data-bloc="${blocCode}"]`)
    .getByRole('link', { name: /Bắt đầu chu kỳ năm/ })
    .click();
  const form = head.locator('#start-cycle');
  await form.getByLabel('Chủ đề thi đua').waitFor();
  const deadlines = form.locator('fieldset.deadlines');
  const phases = [
    'Giao ước',
    'Sơ kết 6 tháng',
    'Tự chấm điểm',
    'Thẩm định điểm',
    'Bình xét',
    'Hội đồng xét',
    'Bàn giao',
  ];
  for (const [i, label] of phases.entries())
    await deadlines.getByLabel(label, { exact: true }).fill(localInput(Date.now() + (i + 2) * HOUR));
  await shot(head, '03-start-cycle-plan');
  await expectAccessible(head);
  await submit(head, form.getByRole('button', { name: 'Bắt đầu chu kỳ' }), 'Đã bắt đầu chu kỳ');
  await head.waitForURL(/#\/cycle\/.+\/overview$/);
  return decodeURIComponent(head.url().split('#/cycle/')[1]!.split('/')[0]!);
}

async function signPledge(page: Page, cycleId: string, signer: string): Promise<void> {
  await open(page, cycleId, 'unit');
  const form = page.locator('#pledge');
  await form
    .getByLabel('Chỉ tiêu đăng ký')
    .fill('Hoàn thành xuất sắc nhiệm vụ chính trị được giao\nTham gia đầy đủ các hoạt động của khối');
  await form.getByLabel('Người ký').fill(signer);
  await submit(page, form.getByRole('button', { name: 'Ký giao ước' }), 'Đã ký giao ước');
  await page.getByText('Đã nộp giao ước, chờ Trưởng khối xem xét.').waitFor();
}

async function acceptPledge(head: Page, unit: Unit): Promise<void> {
  await submit(
    head,
    head.getByRole('button', { name: `Chấp nhận: ${unit.name}` }),
    `Đã chấp nhận giao ước của ${unit.name}`,
  );
}

async function submitMidYearReport(page: Page, cycleId: string): Promise<void> {
  await open(page, cycleId, 'unit');
  const form = page.locator('#mid-year-report');
  await form
    .getByLabel('Nội dung báo cáo')
    .fill('Đơn vị hoàn thành tốt các chỉ tiêu 6 tháng đầu năm, bảo đảm an ninh trật tự.');
  await form.getByLabel('Kết quả nổi bật').fill('Hoàn thành 100% chỉ tiêu được giao\nKhông có cán bộ vi phạm kỷ luật');
  await submit(page, form.getByRole('button', { name: 'Gửi báo cáo' }), 'Đã gửi báo cáo sơ kết');
}

/** Every criterion at `share` of its maximum, with a paper evidence reference where required. */
async function selfScore(page: Page, cycleId: string, share: number): Promise<void> {
  await open(page, cycleId, 'unit');
  const rows = page.locator('#self-score tr[data-criterion]');
  await rows.first().waitFor();
  for (const row of await rows.all()) {
    const max = Number((await row.locator('td.num').innerText()).replace(/[^\d,.]/g, '').replace(',', '.'));
    await row.locator('input[type=number]').fill(String(Math.round(max * share * 4) / 4));
    if ((await row.innerText()).includes('cần minh chứng'))
      await row.locator('input[name^="evidence-"]').fill(`Báo cáo số ${Math.round(share * 100)}/BC`);
  }
  await submit(page, page.getByRole('button', { name: 'Gửi bảng tự chấm' }), 'Đã gửi bảng tự chấm điểm');
}

/** Every present unit votes in the open round of `contest` until the contest is decided. */
async function voteUntilDecided(
  units: Unit[],
  cycleId: string,
  contest: string,
  choose: (voter: Unit, round: number) => string[],
): Promise<void> {
  const head = await as(units[0]!.officer);
  await open(head, cycleId, 'meeting');
  const card = head.locator(`[data-contest="${contest}"]`);
  const timing = { open: 0, choose: 0, submit: 0, gone: 0, round: 0 };
  const lap = (() => {
    let last = Date.now();
    return (k: keyof typeof timing) => {
      timing[k] += Date.now() - last;
      last = Date.now();
    };
  })();
  try {
    for (let round = 1; round <= 3; round++) {
      lap('submit');
      await card.filter({ hasText: new RegExp(`đang bỏ phiếu.*Vòng ${round}|đã có kết quả`) }).waitFor();
      lap('round');
      if ((await card.innerText()).includes('đã có kết quả')) return;
      for (const voter of units) {
        const page = await as(voter.officer);
        await open(page, cycleId, 'meeting');
        const form = page.locator(`#ballot-${contest}`);
        await form.waitFor();
        lap('open');
        for (const choice of choose(voter, round)) await form.locator(`input[value="${choice}"]`).check();
        lap('choose');
        if (contest === 'leader' && voter === units[1]) await shot(page, '08-secret-ballot');
        await submit(page, form.getByRole('button', { name: 'Bỏ phiếu' }), 'Đã nhận phiếu bầu');
        lap('submit');
        // Voted (or, after the last ballot, counted): either way this unit's ballot form is gone.
        await form.waitFor({ state: 'detached' });
        lap('gone');
      }
    }
    throw new Error(`${contest} not decided after 3 rounds`);
  } finally {
    const sec = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
    process.stderr.write(
      `[ui]   ${contest}: open+form ${sec(timing.open)}, choose ${sec(timing.choose)}, send ${sec(timing.submit)}, form gone ${sec(timing.gone)}, next round/result ${sec(timing.round)}\n`,
    );
  }
}

async function councilVote(page: Page, cycleId: string, proposalId: string, approve: boolean): Promise<void> {
  await open(page, cycleId, 'council');
  const card = page.locator(`[data-proposal="${proposalId}"]`);
  await submit(
    page,
    card.getByRole('button', { name: new RegExp(`^${approve ? 'Tán thành' : 'Không tán thành'}:`) }),
    'Đã nhận biểu quyết',
  );
  await card.getByText('Bạn đã biểu quyết đề nghị này.').waitFor();
}

async function councilDecision(
  page: Page,
  cycleId: string,
  proposalId: string,
  decision: { approve: string } | { return: string },
): Promise<void> {
  await open(page, cycleId, 'council');
  const card = page.locator(`[data-proposal="${proposalId}"]`);
  if ('approve' in decision) {
    await card.getByLabel('Số quyết định').fill(decision.approve);
  } else {
    await card.getByLabel('Kết quả xét').selectOption('return');
    await card.getByLabel('Lý do').fill(decision.return);
  }
  await submit(page, card.getByRole('button', { name: 'Ghi nhận quyết định' }), 'Đã ghi nhận quyết định của Hội đồng');
}

// ─────────────────────────────────────────────────────────────────────────── tests

test('keyboard only: log in with Tab and Enter, then reach the task inbox', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${base}/#/`);
  const username = page.getByLabel('Tên đăng nhập');
  await username.waitFor();
  // The login page puts the caret in the username field; nothing else is needed but the keyboard.
  expect(await page.evaluate('document.activeElement.name')).toBe('username');
  await page.keyboard.type('tn.ca');
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong password');
  await page.keyboard.press('Enter');
  // A wrong password: said in the alert area and next to the field; focus goes back to it.
  await page.locator('#alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' }).waitFor();
  expect(
    await page.evaluate('[document.activeElement.name, document.activeElement.getAttribute("aria-invalid")]'),
  ).toEqual(['password', 'true']);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Khối thi đua' }).waitFor();
  expect(await page.locator('#who').textContent()).toContain('tn.ca');
  await shot(page, '01-blocs-keyboard');

  // Focus is on the page heading; Shift+Tab back to the "Nhiệm vụ" link in the header (focus must be
  // visible on the way) and open it with Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate<{ text: string; outline: string }>(
      '({ text: document.activeElement.textContent, outline: getComputedStyle(document.activeElement).outlineStyle })',
    );
    expect(focused.outline).not.toBe('none');
    if (focused.text === 'Nhiệm vụ') break;
  }
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Nhiệm vụ của đơn vị' }).waitFor();
  await page.close();
});

test('a whole year through the UI: start, pledge, report, self-score, review, vote, council, handover', async () => {
  const { bloc, units, head: headUnit } = await blocCast('TN-NOICHINH');
  expect(units).toHaveLength(6);
  // Merit order (best first): the order of the seed, with the head last so the leader is not the chair.
  const merit = [...units.filter((u) => u !== headUnit), headUnit];
  const head = await as(headUnit.officer);
  await shot(head, '02-blocs-head');

  // Launch: the head starts the year with the plan and the (default) scoring template.
  const cycleId = await startCycle(head, bloc.code);
  expect(cycleId).toBe(`cycle-TN-NOICHINH-${new Date().getFullYear()}`);

  step('launch');
  // Pledge: each unit signs. The first one forgets the signer: the API's issue is shown next to the field.
  const first = await as(merit[0]!.officer);
  await open(first, cycleId, 'unit');
  await first.locator('#pledge').getByRole('button', { name: 'Ký giao ước' }).click();
  await first.locator('#pledge .field-error').filter({ hasText: 'Cần ít nhất 2 ký tự' }).waitFor();
  // The alert names each issue by its Zod path, so a field the form does not show is still clear.
  await first
    .locator('#alert')
    .filter({ hasText: 'Dữ liệu chưa hợp lệ' })
    .filter({ hasText: 'signedBy: Cần ít nhất 2 ký tự' })
    .waitFor();
  expect(await first.locator('#pledge').getByLabel('Người ký').getAttribute('aria-invalid')).toBe('true');
  await shot(first, '04-pledge-form-error');
  for (const u of merit) await signPledge(await as(u.officer), cycleId, `Thủ trưởng ${u.name}`);

  step('pledges signed');
  // The head sees who has signed and accepts each pledge.
  await open(head, cycleId, 'overview');
  await head
    .locator('#pledge-review')
    .filter({ hasText: `(${units.length})` })
    .waitFor();
  await shot(head, '05-head-dashboard-pledges');
  for (const u of merit) await acceptPledge(head, u);

  step('pledges accepted');
  // Mid-year: every unit reports; the head compiles the bloc report.
  for (const u of merit) await submitMidYearReport(await as(u.officer), cycleId);
  await open(head, cycleId, 'overview');
  await submit(
    head,
    head.locator('#compile').getByRole('button', { name: 'Tổng hợp báo cáo của khối' }),
    'Đã tổng hợp báo cáo của khối',
  );

  step('mid-year');
  // Self-scoring: better units score higher. The first also attaches a PDF as evidence and first
  // leaves a criterion empty (the issue path places the error on that very input).
  await open(first, cycleId, 'unit');
  const firstRow = first.locator('#self-score tr[data-criterion="tasks.targets"]');
  await firstRow.locator('input[type=file]').setInputFiles({
    name: 'Báo cáo kết quả năm.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% minh chứng\n%%EOF\n'),
  });
  await first.locator('#notice').filter({ hasText: 'Đã tải lên Báo cáo kết quả năm.pdf' }).waitFor();
  await firstRow.getByText('Báo cáo kết quả năm.pdf').waitFor();
  await first.getByRole('button', { name: 'Gửi bảng tự chấm' }).click();
  await firstRow.locator('.field-error').filter({ hasText: 'Cần nhập một số' }).first().waitFor();
  await shot(first, '06-self-score-error');
  await expectAccessible(first);
  for (const [i, u] of merit.entries()) await selfScore(await as(u.officer), cycleId, 0.95 - i * 0.04);

  step('self-scores');
  // Review: the deputy-or-head adjusts one score with a reason, then the head closes the review.
  await open(head, cycleId, 'overview');
  const review = head.locator('#review-score');
  await review.waitFor();
  await review.getByLabel('Đơn vị', { exact: true }).selectOption(merit[2]!.id);
  await review.getByLabel('Tiêu chí').selectOption('bloc.events');
  await review.getByLabel('Điểm sau thẩm định').fill('3');
  await review.getByLabel('Lý do điều chỉnh').fill('Chưa tham gia hội thao của khối');
  await shot(head, '07-head-review');
  await expectAccessible(head);
  await submit(head, review.getByRole('button', { name: 'Ghi nhận điều chỉnh' }), 'Đã ghi nhận điều chỉnh điểm');
  await submit(
    head,
    head.locator('#close-review').getByRole('button', { name: 'Kết thúc thẩm định' }),
    'Đã kết thúc thẩm định',
  );

  step('review');
  // The meeting: everyone present; the leader, then three certificates, by secret ballot.
  await open(head, cycleId, 'meeting');
  await submit(
    head,
    head.locator('#open-meeting').getByRole('button', { name: 'Khai mạc hội nghị bình xét' }),
    'Đã khai mạc hội nghị bình xét',
  );
  const leader = merit[0]!;
  const certificates = merit.slice(1, 4);
  await voteUntilDecided([headUnit, ...merit.filter((u) => u !== headUnit)], cycleId, 'leader', () => [leader.id]);
  await voteUntilDecided([headUnit, ...merit.filter((u) => u !== headUnit)], cycleId, 'certificate', () =>
    certificates.map((u) => u.id),
  );
  await head.locator('[data-contest="certificate"]').getByText('Kết quả:').waitFor();
  await shot(head, '09-meeting-decided');

  step('voting');
  // The council: five members vote on every proposal; the secretary returns one dossier, the head
  // resubmits it, the members vote again, and the secretary approves them all.
  const members = ['tn.hd1', 'tn.hd2', 'tn.hd3', 'tn.hd4', 'tn.hd5'];
  const secretary = await as('tn.tk');
  await open(secretary, cycleId, 'council');
  await secretary.locator('[data-proposal]').nth(3).waitFor();
  const proposals = await secretary
    .locator('[data-proposal]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-proposal')!));
  expect(proposals).toHaveLength(4);
  for (const member of members) for (const p of proposals) await councilVote(await as(member), cycleId, p, true);
  await shot(await as('tn.hd1'), '10-council-member');
  const returned = proposals[1]!;
  await councilDecision(secretary, cycleId, returned, {
    return: 'Bổ sung báo cáo thành tích có xác nhận của cơ quan cấp trên',
  });
  await open(head, cycleId, 'council');
  const resubmit = head.locator(`[data-proposal="${returned}"]`);
  await resubmit
    .getByLabel('Thành tích')
    .fill('Thành tích năm: hoàn thành xuất sắc nhiệm vụ, có xác nhận của cơ quan cấp trên.');
  await submit(head, resubmit.getByRole('button', { name: 'Trình lại' }), 'Đã trình lại hồ sơ');
  for (const member of members) await councilVote(await as(member), cycleId, returned, true);
  await open(secretary, cycleId, 'council');
  await shot(secretary, '11-council-secretary');
  await expectAccessible(secretary);
  for (const [i, p] of proposals.entries())
    await councilDecision(secretary, cycleId, p, { approve: `${String(i + 1).padStart(2, '0')}/QĐ-UBND` });

  step('council');
  // Handover: the outgoing head records it; next year's cycle starts.
  await open(head, cycleId, 'overview');
  await submit(
    head,
    head.locator('#handover').getByRole('button', { name: 'Ghi nhận bàn giao' }),
    'Đã ghi nhận bàn giao',
  );

  step('handover');
  // Results: the ranking, the chart, the approved flag and next year's cycle.
  await open(head, cycleId, 'results');
  const nextYear = `cycle-TN-NOICHINH-${new Date().getFullYear() + 1}`;
  await head.locator(`#next-year a[data-cycle="${nextYear}"]`).waitFor();
  await head.locator('.head-badges').getByText('Kết thúc').waitFor();
  const ranking = head.locator('#ranking table.ranking tbody tr');
  expect(await ranking.count()).toBe(units.length);
  expect(await ranking.first().getAttribute('data-unit')).toBe(leader.id);
  expect(await head.locator('#ranking svg.score-chart g.bar').count()).toBe(units.length);
  const flag = head.locator('#awards tr[data-award="emulation-flag"]');
  expect(await flag.getAttribute('data-status')).toBe('approved');
  expect(await flag.innerText()).toContain(leader.name);
  expect(await head.locator('#awards tr[data-status="approved"]').count()).toBe(4);
  // The chart stacks the criteria groups of the template (4 in the default one), per unit.
  expect(
    await head.locator('#ranking svg.score-chart g.bar').first().locator('rect.seg').count(),
  ).toBeGreaterThanOrEqual(4);
  await shot(head, '12-results');

  step('results');
  // Documents: fetched with the tab's bearer token and handed to the browser as a file.
  const docs = head.locator('#documents');
  // The minutes by keyboard only: Tab from the page heading to the button (focus visible), Enter.
  await docs.waitFor();
  await head.locator('h1').focus();
  const target = 'Tải PDF: Biên bản hội nghị bình xét';
  for (let i = 0; ; i++) {
    expect(i).toBeLessThan(150);
    await head.keyboard.press('Tab');
    const focused = await head.evaluate<{ label: string | null; outline: string }>(
      '({ label: document.activeElement.getAttribute("aria-label"), outline: getComputedStyle(document.activeElement).outlineStyle })',
    );
    expect(focused.outline).not.toBe('none');
    if (focused.label === target) break;
  }
  const minutes = await downloadThrough(head, () => head.keyboard.press('Enter'));
  expect(minutes.name).toMatch(/\.pdf$/);
  expect(minutes.bytes.length).toBeGreaterThan(1000);
  expect(minutes.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const decision = await downloadThrough(
    head,
    docs
      .locator('li[data-document="decision"]')
      .first()
      .getByRole('button', { name: /^Tải DOCX:/ }),
  );
  expect(decision.name).toMatch(/\.docx$/);
  expect(decision.bytes.length).toBeGreaterThan(1000);
  expect(decision.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  await shot(head, '12b-documents');
  await expectAccessible(head);

  step('documents');
  // History: the bloc year by year (leader, the approved flag), then the leading unit's own years.
  const year = new Date().getFullYear();
  await head.locator('#nav').getByRole('link', { name: 'Lịch sử' }).click();
  await head.getByRole('heading', { level: 1, name: 'Lịch sử thi đua' }).waitFor();
  await head.locator(`[data-bloc="${bloc.code}"] a`).first().click();
  const blocYear = head.locator(`#bloc-history tr[data-year="${year}"]`);
  await blocYear.waitFor();
  expect(await blocYear.locator('td.leader').innerText()).toContain(leader.name);
  expect(await blocYear.locator('li[data-award="emulation-flag"][data-status="approved"]').innerText()).toContain(
    leader.name,
  );
  expect(await head.locator(`#bloc-history tr[data-year="${year + 1}"]`).count()).toBe(1);
  await shot(head, '13a-bloc-history');
  // A unit's history is read by its own people (and the council, the admin): the leading unit's officer
  // follows the same links from the bloc's history to its unit's years.
  await first.locator('#nav').getByRole('link', { name: 'Lịch sử' }).click();
  await first.getByRole('heading', { level: 1, name: 'Lịch sử thi đua' }).waitFor();
  await first.locator(`[data-bloc="${bloc.code}"] a`).first().click();
  const leaderBlocYear = first.locator(`#bloc-history tr[data-year="${year}"]`);
  await leaderBlocYear.waitFor();
  await leaderBlocYear.locator('td.leader').getByRole('link', { name: leader.name }).click();
  await first.getByRole('heading', { level: 1, name: `Lịch sử — ${leader.name}` }).waitFor();
  const unitYear = first.locator(`#unit-history tr[data-year="${year}"]`);
  await unitYear.waitFor();
  expect(await unitYear.locator('td.num').first().innerText()).toBe('1');
  await unitYear.locator('li[data-award="emulation-flag"][data-status="approved"]').waitFor();
  await shot(first, '13b-unit-history');
  await expectAccessible(first);

  step('history');
  // The head's bloc list shows the year closed and next year's cycle open.
  await head.goto(`${base}/#/`);
  await head
    .locator(`[data-bloc="${bloc.code}"]`)
    .getByRole('rowheader', { name: String(new Date().getFullYear() + 1) })
    .waitFor();
  await shot(head, '13-blocs-history');

  // A unit's inbox and notifications.
  await first.goto(`${base}/#/inbox`);
  await first.getByRole('heading', { level: 1, name: 'Nhiệm vụ của đơn vị' }).waitFor();
  await shot(first, '14-inbox');
  await first.goto(`${base}/#/notifications`);
  await first.getByText('Công bố kết quả chấm điểm').first().waitFor();
  await shot(first, '15-notifications');

  step('inbox');
  // English: the whole page switches, and so does <html lang>.
  await open(head, cycleId, 'results');
  await head.getByRole('button', { name: 'English' }).click();
  await head.getByRole('heading', { name: 'Ranking' }).waitFor();
  expect(await head.locator('html').getAttribute('lang')).toBe('en');
  await shot(head, '16-results-en');
});
