/**
 * A whole bloc-year through the web UI, in Debian's Chromium (playwright-core, no browser
 * download), against the real app, worker, Temporal dev server and a seeded SQLite database.
 *
 * Each user works in a tab of their own (the token lives in the tab's sessionStorage), so the head,
 * the six unit officers, the council members and the secretary stay logged in side by side, as
 * they would on their own machines. The pages follow the workflow by polling; the test never
 * reloads. A screenshot of each page is kept in test-artifacts/screenshots/.
 *
 * The shared system and tabs are in test/browser/ui/context.ts, the acts as a user does them in ui/acts.ts, and
 * the year itself in two halves: ui/year-meeting.ts (to the decided meeting) and ui/year-results.ts (council,
 * handover, results, documents, history).
 */
import { TEST_PASSWORD } from '../support/db';
import { shot } from '../support/browser';
import { base, browser, withUiSystem } from './ui/context';
import { yearToTheMeeting } from './ui/year-meeting';
import { councilAndHandover, resultsAndHistory } from './ui/year-results';

jest.setTimeout(300_000);

withUiSystem();

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
  const year = await yearToTheMeeting();
  await councilAndHandover(year);
  await resultsAndHistory(year);
});
