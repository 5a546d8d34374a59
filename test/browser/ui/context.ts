/**
 * The state the whole-year UI test shares (test/browser/ui.test.ts and the modules beside this file): the one
 * real system (seeded SQLite, Temporal dev server, worker, Express), the browser with a tab per user, and the
 * timing lines. Exported `let`s are live bindings, so the modules see the values once the setup has run.
 */
import type { Page } from 'playwright-core';
import type { Db } from '../../../db';
import { launchBrowser, type BrowserSession } from '../../support/browser';
import { startSystem, type System } from '../../support/system';

export let sys: System;
export let db: Db;
export let base: string;
export let browser: BrowserSession;

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
export const step = (name: string) => {
  process.stderr.write(`[ui] ${name}: ${((Date.now() - t0) / 1000).toFixed(1)}s (${requestSummary()})\n`);
  t0 = Date.now();
};

/** Registers the start (before all), the stop (after all) and the no-page-error check (after each test). */
export function withUiSystem(): void {
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
}

/** One tab per user, logged in once (test/support/browser.ts). */
export const as = (username: string): Promise<Page> => browser.as(username);

export async function open(page: Page, cycleId: string, tab: string): Promise<void> {
  await page.bringToFront();
  await page.goto(`${base}/#/cycle/${encodeURIComponent(cycleId)}/${tab}`);
}
