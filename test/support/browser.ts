/**
 * The browser tests' Chromium: Debian's /usr/bin/chromium driven by playwright-core (no browser
 * download), one persistent context per test file, one tab per user (the token lives in the tab's
 * sessionStorage, so users stay logged in side by side as on their own machines), and the checks
 * every page gets: screenshots, acts that must be confirmed, accessibility basics.
 *
 *   const browser = await launchBrowser(sys.base);
 *   const page = await browser.as('ct.tk');
 *   await submit(page, page.getByRole('button', { name: 'Lưu' }), 'Đã ghi nhận');
 *   await expectAccessible(page);
 *   await browser.close();
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './db';
import { startSystem, type System } from './system';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.resolve('test-artifacts/screenshots');
/** How long any wait for the page may take. */
export const WAIT = 30_000;

export interface BrowserSession {
  context: BrowserContext;
  /** Uncaught errors of every page of the context ("url: message"); each test expects none. */
  pageErrors: string[];
  /**
   * The user's tab, logged in once through the login form. The tab acted in is brought to the front,
   * as the user's own window would be: Chromium paces the animation frames of background tabs, and
   * Playwright waits for two of them before each click (measured: about 2 s per action otherwise).
   */
  as(username: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(base: string): Promise<BrowserSession> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(WAIT);
  const pageErrors: string[] = [];
  context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`)));
  const tabs = new Map<string, Page>();
  return {
    context,
    pageErrors,
    async as(username) {
      const open = tabs.get(username);
      if (open) {
        await open.bringToFront();
        return open;
      }
      const page = await context.newPage();
      await page.goto(`${base}/#/`);
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { level: 1, name: 'Khối thi đua' }).waitFor();
      tabs.set(username, page);
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A full-page screenshot as test-artifacts/screenshots/<name>.png. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/**
 * Submits a form (by its button) and waits for the confirmation; an error shown in the alert
 * area fails at once with its text.
 */
export async function submit(page: Page, button: Locator, confirmation: string | RegExp): Promise<void> {
  await page.bringToFront();
  await button.click();
  const notice = page.locator('#notice').filter({ hasText: confirmation });
  const alert = page.locator('#alert:not([hidden])');
  await Promise.race([
    notice.waitFor(),
    alert.waitFor().then(async () => Promise.reject(new Error(`alert on ${page.url()}: ${await alert.innerText()}`))),
  ]);
}

/**
 * Accessibility basics of the page as it is now: every visible form control has a label (a <label>,
 * aria-label or aria-labelledby), every button and link has a name, no positive tabindex breaks the
 * Tab order, and the focus ring of a control reached by Tab is visible.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // A string: the test is compiled without the DOM library.
  const problems = await page.evaluate<string[]>(`(() => {
    const out = [];
    const visible = (el) => el.getClientRects().length > 0;
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : '');
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      if (!visible(el)) continue;
      const labelled = (el.labels?.length ?? 0) > 0 || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!labelled) out.push('unlabelled ' + describe(el));
    }
    for (const el of document.querySelectorAll('button, a[href]')) {
      if (visible(el) && !(el.getAttribute('aria-label') || el.textContent.trim())) out.push('nameless ' + describe(el));
    }
    for (const el of document.querySelectorAll('[tabindex]')) if (Number(el.getAttribute('tabindex')) > 0) out.push('positive tabindex ' + describe(el));
    return out;
  })()`);
  expect(problems).toEqual([]);
}

/**
 * The real system and a browser on it for all tests of one file: started before them, closed after; each test
 * ends with no uncaught page error. The objects forward to the started ones (like systemForThisFile).
 */
export function systemWithBrowserForThisFile(): { sys: System; browser: BrowserSession } {
  let sys: System | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    sys = await startSystem();
    browser = await launchBrowser(sys.base);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });
  afterEach(() => {
    expect(browser?.pageErrors).toEqual([]);
  });
  const forward = <T extends object>(get: () => T | undefined): T =>
    new Proxy({} as T, {
      get(_target, prop) {
        const started = get();
        if (!started) throw new Error('the system and browser start in beforeAll: use them inside a test');
        return Reflect.get(started, prop);
      },
    });
  return { sys: forward(() => sys), browser: forward(() => browser) };
}
