/**
 * The acts of the whole-year UI test (test/browser/ui.test.ts), as a user does them in the browser: each goes
 * through the pages' own forms and buttons, in the acting user's tab.
 */
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { officerUsername } from '../../../prisma/seed-data';
import { expectAccessible, shot, submit } from '../../support/browser';
import { as, base, db, open } from './context';

const HOUR = 3_600_000;

/** Clicks a download button; returns the file the browser saved (name and bytes). */
export async function downloadThrough(
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

export interface Unit {
  id: string;
  code: string;
  name: string;
  officer: string;
}

export async function blocCast(code: string) {
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

/** The head starts the year from the bloc list, with deadlines a few hours apart (nothing expires during the test). */
export async function startCycle(head: Page, blocCode: string): Promise<string> {
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

export async function signPledge(page: Page, cycleId: string, signer: string): Promise<void> {
  await open(page, cycleId, 'unit');
  const form = page.locator('#pledge');
  await form
    .getByLabel('Chỉ tiêu đăng ký')
    .fill('Hoàn thành xuất sắc nhiệm vụ chính trị được giao\nTham gia đầy đủ các hoạt động của khối');
  await form.getByLabel('Người ký').fill(signer);
  await submit(page, form.getByRole('button', { name: 'Ký giao ước' }), 'Đã ký giao ước');
  await page.getByText('Đã nộp giao ước, chờ Trưởng khối xem xét.').waitFor();
}

export async function acceptPledge(head: Page, unit: Unit): Promise<void> {
  await submit(
    head,
    head.getByRole('button', { name: `Chấp nhận: ${unit.name}` }),
    `Đã chấp nhận giao ước của ${unit.name}`,
  );
}

export async function submitMidYearReport(page: Page, cycleId: string): Promise<void> {
  await open(page, cycleId, 'unit');
  const form = page.locator('#mid-year-report');
  await form
    .getByLabel('Nội dung báo cáo')
    .fill('Đơn vị hoàn thành tốt các chỉ tiêu 6 tháng đầu năm, bảo đảm an ninh trật tự.');
  await form.getByLabel('Kết quả nổi bật').fill('Hoàn thành 100% chỉ tiêu được giao\nKhông có cán bộ vi phạm kỷ luật');
  await submit(page, form.getByRole('button', { name: 'Gửi báo cáo' }), 'Đã gửi báo cáo sơ kết');
}

/** Every criterion at `share` of its maximum, with a paper evidence reference where required. */
export async function selfScore(page: Page, cycleId: string, share: number): Promise<void> {
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
export async function voteUntilDecided(
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

export async function councilVote(page: Page, cycleId: string, proposalId: string, approve: boolean): Promise<void> {
  await open(page, cycleId, 'council');
  const card = page.locator(`[data-proposal="${proposalId}"]`);
  await submit(
    page,
    card.getByRole('button', { name: new RegExp(`^${approve ? 'Tán thành' : 'Không tán thành'}:`) }),
    'Đã nhận biểu quyết',
  );
  await card.getByText('Bạn đã biểu quyết đề nghị này.').waitFor();
}

export async function councilDecision(
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
