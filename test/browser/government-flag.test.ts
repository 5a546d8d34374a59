/**
 * The Government emulation flag (Cờ thi đua của Chính phủ) through the web UI, in Debian's Chromium
 * (test/support/browser.ts) against the real app, worker, Temporal dev server and seeded SQLite.
 *
 * The five bloc leaders' approved provincial flags are put STRAIGHT INTO THE DATABASE
 * (test/support/government-flag.ts) instead of running whole bloc years; everything after is done
 * as the users do it: the secretary starts the selection from the navigation, puts two leaders on
 * hold (ND 152/2025 Art. 4(4)), disqualifies one and clears the other, the five council
 * members cast their secret ballots (one of them with the keyboard only), the secretary closes the
 * vote, records the letter to the Ministry and the Prime Minister's decision, and any officer reads
 * the awarded unit. Screenshots: test-artifacts/screenshots/gf-*.png.
 */
import type { Page } from 'playwright-core';
import { vnDateOf } from '../../domain/government-flag';
import { officerUsername } from '../../prisma/seed-data';
import { expectAccessible, shot, submit, systemWithBrowserForThisFile } from '../support/browser';
import { seedBlocLeaders, type Leaders } from '../support/government-flag';

jest.setTimeout(180_000);

const { sys, browser } = systemWithBrowserForThisFile();

// The year whose 30 June N+1 deadline is still ahead and whose letter can be dated today (as the page's default).
const today = vnDateOf(Date.now());
const year = Number(today.slice(5, 7)) <= 6 ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));

const MEMBERS = ['ct.hd1', 'ct.hd2', 'ct.hd3', 'ct.hd4', 'ct.hd5'];

test('Government flag: start, holds, secret ballots, close, letter to the Ministry, the Prime Minister’s decision', async () => {
  const leaders: Leaders = await seedBlocLeaders(sys.db, year, {
    fromSeeded: ['CT-TTR', 'CT-CA', 'CT-VKSND'],
    fromSecond: 2,
  });
  // The ballot lists the leaders by unit code.
  const codes = Object.keys(leaders.units).sort();
  expect(codes).toEqual(['CT-CA', 'CT-TTR', 'CT-VKSND', 'CT-VX1', 'CT-VX2']);
  const url = `${sys.base}/#/province/${encodeURIComponent(leaders.provinceId)}/government-flag/${year}`;
  const row = (page: Page, code: string) => page.locator(`tr[data-unit="${code}"]`);

  // The secretary finds the page in the navigation, picks the province and starts the selection.
  const secretary = await browser.as('ct.tk');
  await secretary.locator('#nav').getByRole('link', { name: 'Cờ Chính phủ' }).click();
  await secretary.getByRole('heading', { level: 1, name: 'Cờ thi đua của Chính phủ' }).waitFor();
  await shot(secretary, 'gf-01-provinces');
  await expectAccessible(secretary);
  await secretary.locator('a[data-province="CT"]').click();
  await secretary.getByRole('heading', { level: 2, name: 'Chưa bắt đầu xét chọn' }).waitFor();
  const start = secretary.locator('#gf-start');
  expect(await start.getByLabel('Năm').inputValue()).toBe(String(year));
  await submit(
    secretary,
    start.getByRole('button', { name: 'Bắt đầu xét chọn' }),
    'Đã bắt đầu xét chọn: 5 đơn vị dẫn đầu khối, tối đa 1 đơn vị.',
  );
  await row(secretary, 'CT-VX2').waitFor();
  const summary = await secretary.locator('dl.facts').innerText();
  expect(summary).toContain('Đang bỏ phiếu');
  expect(summary).toContain(`30/06/${year + 1}`);
  expect(summary).toMatch(/1 đơn vị \(20\s?% của 5 đơn vị dẫn đầu khối/);
  expect(await row(secretary, 'CT-TTR').innerText()).toContain('Khối thi đua Nội chính thành phố Cần Thơ');
  expect(await row(secretary, 'CT-VX1').innerText()).toContain('90');
  await shot(secretary, 'gf-02-started');

  // Holds (ND 152/2025 Art. 4(4)), before the vote: the secretary puts CT-CA under investigation on hold
  // (first without a reason: the API names the field), then CT-VX2 under disciplinary review.
  const hold = secretary.locator('#gf-hold');
  await hold.getByLabel('Đơn vị', { exact: true }).selectOption(leaders.units['CT-CA']!);
  await hold.getByLabel('Lý do tạm dừng').selectOption('investigation');
  await hold.getByRole('button', { name: 'Tạm dừng xét' }).click();
  await hold.locator('.field-error').filter({ hasText: 'Cần ít nhất 3 ký tự.' }).waitFor();
  expect(await hold.getByLabel('Lý do', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  await secretary.locator('#alert').filter({ hasText: 'reason: Cần ít nhất 3 ký tự.' }).waitFor();
  await expectAccessible(secretary);
  await hold.getByLabel('Lý do', { exact: true }).fill('Cơ quan điều tra đang xác minh đơn tố cáo số 12/ĐT.');
  await submit(secretary, hold.getByRole('button', { name: 'Tạm dừng xét' }), 'Đã tạm dừng xét Công an thành phố.');
  await secretary.locator('tr[data-unit="CT-CA"][data-status="onHold"]').waitFor();
  expect(await row(secretary, 'CT-CA').innerText()).toMatch(/tạm dừng xét[\s\S]*đơn tố cáo số 12\/ĐT/);
  // A held leader cannot be held twice; it is the one to resolve.
  expect(await hold.locator(`option[value="${leaders.units['CT-CA']}"]`).count()).toBe(0);
  const resolve = secretary.locator('#gf-resolve-hold');
  expect(await resolve.locator('select[name="unitId"] option').count()).toBe(1);
  await hold.getByLabel('Đơn vị', { exact: true }).selectOption(leaders.units['CT-VX2']!);
  await hold.getByLabel('Lý do tạm dừng').selectOption('discipline');
  await hold.getByLabel('Lý do', { exact: true }).fill('Đang xem xét kỷ luật theo Thông báo số 3/TB-SNV.');
  await submit(
    secretary,
    hold.getByRole('button', { name: 'Tạm dừng xét' }),
    'Đã tạm dừng xét Sở Văn hóa – Xã hội số 2.',
  );
  await secretary.locator('tr[data-unit="CT-VX2"][data-status="onHold"]').waitFor();
  await shot(secretary, 'gf-02b-on-hold');

  // Disciplined: CT-VX2 is rejected with the reason and leaves the ballot; cleared: CT-CA is back in the vote.
  await resolve.getByLabel('Đơn vị', { exact: true }).selectOption(leaders.units['CT-VX2']!);
  await resolve.getByLabel('Kết luận').selectOption('disciplined');
  await resolve.getByLabel('Lý do', { exact: true }).fill('Quyết định kỷ luật khiển trách số 7/QĐ-KL.');
  await submit(
    secretary,
    resolve.getByRole('button', { name: 'Ghi nhận kết luận' }),
    'Đã ghi nhận kết luận về Sở Văn hóa – Xã hội số 2.',
  );
  await secretary.locator('tr[data-unit="CT-VX2"][data-status="rejected"]').waitFor();
  expect(await row(secretary, 'CT-VX2').innerText()).toMatch(
    /không được đề nghị[\s\S]*Không đủ điều kiện[\s\S]*7\/QĐ-KL/,
  );
  expect(await resolve.locator('select[name="unitId"] option').count()).toBe(1);
  await resolve.getByLabel('Kết luận').selectOption('cleared');
  await resolve.getByLabel('Lý do', { exact: true }).fill('Kết luận không vi phạm số 20/KL-CQĐT.');
  await submit(
    secretary,
    resolve.getByRole('button', { name: 'Ghi nhận kết luận' }),
    'Đã ghi nhận kết luận về Công an thành phố.',
  );
  await secretary.locator('tr[data-unit="CT-CA"][data-status="draft"]').waitFor();
  expect(await resolve.count()).toBe(0);
  expect(await hold.locator('select[name="unitId"] option').count()).toBe(4);
  // The quota stays as started: 1 of the 5 leaders.
  expect(await secretary.locator('dl.facts').innerText()).toMatch(/1 đơn vị \(20\s?% của 5 đơn vị dẫn đầu khối/);

  // Ballots on the four leaders left (CT-VX2 disqualified): every member yes to CT-TTR; the first four
  // also yes to CT-CA (4/5 = 80%: passes, but the quota is 1); no to the others. The first member
  // first forgets a unit: the field says so.
  const onBallot = codes.filter((code) => code !== 'CT-VX2');
  for (const [i, member] of MEMBERS.entries()) {
    const page = await browser.as(member);
    await page.goto(url);
    const form = page.locator('#gf-ballot');
    await form.waitFor();
    if (i === 0)
      expect(
        (
          await Promise.all((await form.locator('fieldset[data-unit]').all()).map((f) => f.getAttribute('data-unit')))
        ).sort(),
      ).toEqual(onBallot);
    const yes = new Set(i < 4 ? ['CT-TTR', 'CT-CA'] : ['CT-TTR']);
    if (i === 0) {
      await form.getByRole('button', { name: 'Gửi phiếu bầu' }).click();
      await form
        .locator('fieldset[data-unit="CT-CA"] ~ .field-error')
        .filter({ hasText: 'Chọn đồng ý hoặc không đồng ý.' })
        .waitFor();
      await page.locator('#alert').filter({ hasText: 'votes.0.approve: Chọn đồng ý hoặc không đồng ý.' }).waitFor();
      await expectAccessible(page);
      await shot(page, 'gf-03-ballot-error');
    }
    if (i === MEMBERS.length - 1) {
      // Keyboard only: Tab from group to group, Space = "Đồng ý", ArrowRight = "Không đồng ý", Enter sends.
      await form.locator('input[type=radio]').first().focus();
      for (const [j, code] of onBallot.entries()) {
        if (j > 0) await page.keyboard.press('Tab');
        await page.keyboard.press(yes.has(code) ? 'Space' : 'ArrowRight');
      }
      for (const code of onBallot)
        expect(
          await form
            .locator(`fieldset[data-unit="${code}"]`)
            .getByLabel(yes.has(code) ? 'Đồng ý' : 'Không đồng ý', { exact: true })
            .isChecked(),
        ).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Gửi phiếu bầu');
      await page.keyboard.press('Enter');
      await page.locator('#notice').filter({ hasText: 'Đã nhận phiếu bầu.' }).waitFor();
    } else {
      for (const code of onBallot)
        await form
          .locator(`fieldset[data-unit="${code}"]`)
          .getByLabel(yes.has(code) ? 'Đồng ý' : 'Không đồng ý', { exact: true })
          .check();
      await submit(page, form.getByRole('button', { name: 'Gửi phiếu bầu' }), 'Đã nhận phiếu bầu.');
    }
    await page.locator('#gf-voted').filter({ hasText: 'Bạn đã bỏ phiếu.' }).waitFor();
    // Secret: while the vote is open only how many have voted.
    await row(page, 'CT-TTR')
      .filter({ hasText: `${i + 1}/5 thành viên đã bỏ phiếu` })
      .waitFor();
    if (i === 1) await shot(page, 'gf-04-voted');
  }

  // The secretary closes the vote: CT-TTR selected, CT-CA over the quota, the others below 80%.
  await secretary.bringToFront();
  await secretary.locator('#gf-close').getByText('5/5 thành viên đã bỏ phiếu').waitFor();
  await submit(
    secretary,
    secretary.locator('#gf-close').getByRole('button', { name: 'Kết thúc bỏ phiếu' }),
    'Đã kết thúc bỏ phiếu.',
  );
  await secretary.locator('tr[data-unit="CT-TTR"][data-status="selected"]').waitFor();
  expect(await row(secretary, 'CT-TTR').innerText()).toMatch(/5\/5 đồng ý \(100\s?%\)[\s\S]*Xếp thứ 1/);
  expect(await row(secretary, 'CT-CA').getAttribute('data-status')).toBe('rejected');
  expect(await row(secretary, 'CT-CA').innerText()).toMatch(/4\/5 đồng ý \(80\s?%\)[\s\S]*vượt số lượng tối đa/);
  expect(await row(secretary, 'CT-VX1').innerText()).toContain('Chưa đạt 80% phiếu đồng ý');
  // Not counted: the disqualified leader keeps its reason.
  expect(await row(secretary, 'CT-VX2').getAttribute('data-status')).toBe('rejected');
  expect(await row(secretary, 'CT-VX2').innerText()).toContain('Không đủ điều kiện');
  await shot(secretary, 'gf-05-results');

  // The letter to the Ministry of Home Affairs, dated today (before 30 June N+1, within 6 months).
  const letter = secretary.locator('#gf-submission');
  await letter.getByLabel('Số tờ trình').fill('15/TTr-UBND');
  await letter.getByLabel('Ngày tờ trình').fill(today);
  await submit(secretary, letter.getByRole('button', { name: 'Ghi nhận tờ trình' }), 'Đã ghi nhận tờ trình.');
  await secretary.locator('tr[data-unit="CT-TTR"][data-status="submitted"]').waitFor();

  // The Prime Minister's decision for CT-TTR; first without its number: the API names the field.
  const outcome = secretary.locator('[data-outcome="CT-TTR"]');
  await outcome.getByRole('button', { name: 'Ghi nhận kết quả' }).click();
  await outcome.locator('.field-error').filter({ hasText: 'Bắt buộc.' }).first().waitFor();
  expect(await outcome.getByLabel('Số quyết định của Thủ tướng').getAttribute('aria-invalid')).toBe('true');
  await secretary.locator('#alert').filter({ hasText: 'decisionNumber' }).waitFor();
  await expectAccessible(secretary);
  await shot(secretary, 'gf-06-outcome-form');
  await outcome.getByLabel('Số quyết định của Thủ tướng').fill('125/QĐ-TTg');
  await outcome.getByLabel('Ngày quyết định').fill(today);
  await submit(
    secretary,
    outcome.getByRole('button', { name: 'Ghi nhận kết quả' }),
    'Đã ghi nhận kết quả của Thanh tra thành phố.',
  );
  await secretary.locator('tr[data-unit="CT-TTR"][data-status="approved"]').waitFor();
  expect(await row(secretary, 'CT-TTR').innerText()).toContain('125/QĐ-TTg');

  // Anyone logged in reads it: the awarded unit, the letter, the decision and the money.
  const officer = await browser.as(officerUsername('CT-STP'));
  await officer.goto(url);
  await officer
    .locator('#gf-awarded li[data-unit="CT-TTR"]')
    .filter({ hasText: 'Thanh tra thành phố — 125/QĐ-TTg' })
    .waitFor();
  expect(await officer.locator('.head-badges').innerText()).toContain('Kết thúc');
  expect(await officer.locator('dl.facts').innerText()).toContain('15/TTr-UBND');
  expect(await row(officer, 'CT-TTR').innerText()).toMatch(/Thủ tướng Chính phủ[\s\S]*₫/);
  expect(await officer.locator('form').count()).toBe(0);
  await expectAccessible(officer);
  await shot(officer, 'gf-07-awarded');
});
