/** Debian's Chromium, driven by playwright-core, with a fresh profile each time. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { PUBLIC_URL, password } from './bed';

export const CHROMIUM = process.env.ISOBAR_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'isobar-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the hub's real login form. */
export async function loginInBrowser(page: Page, user: string): Promise<void> {
  // Whoever was logged in in this profile logs out first, as at a shared screen.
  await page.goto(`${PUBLIC_URL}/hub/logout`);
  await page.goto(`${PUBLIC_URL}/hub/login`);
  await page.fill('#username_input', user);
  await page.fill('#password_input', password(user));
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/hub/login')), page.click('#login_submit')]);
}

/** Waits for a selector; on failure says where the page was and what it showed. */
export async function expectSelector(page: Page, selector: string, timeoutMs: number): Promise<void> {
  try {
    await page.waitForSelector(selector, { timeout: timeoutMs });
  } catch (err) {
    const text = (await page.textContent('body').catch(() => '')) ?? '';
    throw new Error(`${selector} not shown at ${page.url()}: ${text.replace(/\s+/g, ' ').slice(0, 400)}\n${(err as Error).message}`);
  }
}

/**
 * Raises the page's level the way a person does: the level switch, the
 * hub-service's password page, and back on `owner`'s server at `level`.
 */
export async function raiseInBrowser(page: Page, person: string, owner: string, level: 'execute' | 'write'): Promise<void> {
  await page.click(`[data-level-switch] button[data-level="${level}"]`);
  await page.waitForURL((u) => u.pathname.startsWith('/services/isobar/elevate'), { timeout: 15_000 });
  await page.fill('#password', password(person));
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith(`/user/${owner}/`), { timeout: 15_000 }),
    page.click('button[type="submit"]'),
  ]);
  await expectSelector(page, `[data-level-current][data-level="${level}"]`, 15_000);
}

/** Asks the hub-service for a grant for `owner`'s server from inside the page, as the page itself does while elevated. */
export async function grantInPage(page: Page, owner: string): Promise<{ grant: string; expiresAt: string }> {
  return page.evaluate(async (audience) => {
    const res = await fetch('/services/isobar/api/grants', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ audience }),
    });
    return (await res.json()) as { grant: string; expiresAt: string };
  }, owner);
}
