/**
 * An elevation as a person lives it, in Chromium: on a workflow page at
 * read, choose execute, type the password on the hub-service's page, and
 * submit. Timed from the submit click to the page back on the UI server at
 * execute with actions on offer (a working, elevated page). Dropped again
 * after each round, so every round is a full raise.
 */
import type { Page } from 'playwright-core';
import { PUBLIC_URL, password } from '../../lib/bed';

const ELEVATED_AND_WORKING = '[data-level-current][data-level="execute"]';

export interface ElevationRound {
  /** Submit click to the elevated page offering actions. */
  readonly totalMs: number;
  /** Submit click to the UI server's page starting to load (the hub-service's part, password check included). */
  readonly redirectMs: number;
}

export async function openAtRead(page: Page, owner: string, workflowId: string): Promise<void> {
  const view = `${PUBLIC_URL}/user/${owner}/#/workflow/${encodeURIComponent(workflowId)}`;
  await page.goto(view);
  await page.waitForSelector('[data-level-current][data-level="read"]', { timeout: 60_000 });
  // A server the hub had to start first lands on the list (the hub's spawn pages drop the fragment): go to the workflow.
  await page.goto(view);
  await page.waitForSelector(`[data-workflow-actions], [data-workflow-view]`, { state: 'attached', timeout: 30_000 });
}

export async function elevateOnce(page: Page, person: string, owner: string): Promise<ElevationRound> {
  await page.click('[data-level-switch] button[data-level="execute"]');
  await page.waitForURL((u) => u.pathname.startsWith('/services/isobar/elevate'), { timeout: 15_000 });
  await page.fill('#password', password(person));
  let redirectedAt = NaN;
  const redirected = page
    .waitForURL((u) => u.pathname.startsWith(`/user/${owner}/`), { timeout: 15_000, waitUntil: 'commit' })
    .then(() => (redirectedAt = performance.now()));
  const started = performance.now();
  await page.click('button[type="submit"]', { noWaitAfter: true });
  await redirected;
  await page
    .waitForFunction(
      (selector) => document.querySelector(selector) !== null && document.querySelector('button[data-action]') !== null,
      ELEVATED_AND_WORKING,
      { polling: 'raf', timeout: 15_000 },
    )
    .catch(async (err: unknown) => {
      const level = await page.getAttribute('[data-level-current]', 'data-level').catch(() => null);
      const text = ((await page.textContent('body').catch(() => '')) ?? '').replace(/\s+/g, ' ').slice(0, 300);
      throw new Error(`not elevated and working at ${page.url()} (level ${level}): ${text}\n${String(err)}`);
    });
  const totalMs = performance.now() - started;
  return { totalMs, redirectMs: redirectedAt - started };
}

/** Back to read-only, as the person would: the drop button. */
export async function dropToRead(page: Page): Promise<void> {
  await page.click('button[data-drop]');
  await page.waitForSelector('[data-level-current][data-level="read"]', { timeout: 15_000 });
}
