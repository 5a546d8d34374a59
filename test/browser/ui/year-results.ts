/**
 * The whole-year UI test (test/browser/ui.test.ts), second half: the council votes, returns one dossier and
 * approves them all; the head hands over; then the results, the documents, the history, the inbox and the
 * English page, as the head and the best unit's officer read them.
 */
import { expectAccessible, shot, submit } from '../../support/browser';
import { councilDecision, councilVote, downloadThrough } from './acts';
import { as, base, open, step } from './context';
import type { Year } from './year-meeting';

/** The council decides every proposal (one returned and resubmitted), then the head records the handover. */
export async function councilAndHandover(y: Year): Promise<void> {
  const { head, cycleId } = y;
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
}

/** What the closed year shows: ranking and awards, documents, the bloc's and the unit's history, inbox, English. */
export async function resultsAndHistory(y: Year): Promise<void> {
  const { bloc, units, head, first, cycleId, leader } = y;
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
}
