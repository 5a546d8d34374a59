/**
 * The whole-year UI test (test/browser/ui.test.ts), first half: the head starts the year, every unit pledges,
 * reports at mid-year and scores itself, the head reviews, and the meeting elects the leader and the
 * certificates by secret ballot. Hands the cast, the tabs and the cycle on to the second half (./year-results.ts).
 */
import type { Page } from 'playwright-core';
import { expectAccessible, shot, submit } from '../../support/browser';
import {
  acceptPledge,
  blocCast,
  selfScore,
  signPledge,
  startCycle,
  submitMidYearReport,
  voteUntilDecided,
  type Unit,
} from './acts';
import { as, open, step } from './context';

export interface Year {
  bloc: { code: string };
  units: Unit[];
  headUnit: Unit;
  /** Best first. */
  merit: Unit[];
  /** The head's tab. */
  head: Page;
  /** The tab of the best unit's officer. */
  first: Page;
  cycleId: string;
  leader: Unit;
}

/** From the bloc list to the decided meeting, as the users do it. */
export async function yearToTheMeeting(): Promise<Year> {
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
  return { bloc, units, headUnit, merit, head, first, cycleId, leader };
}
