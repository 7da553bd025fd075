/**
 * The web UI in a real Chromium, through the real hub, on real schedulers:
 * atmosphere_stage's clouds (started paused, so cycle 1 is still there) and
 * winds; jacintar reading the same server; alice's long job's output; a
 * kiosk page outliving the idle timeout and a killed server.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PUBLIC_URL, sleep, waitFor } from '../lib/bed';
import { expectSelector, loginInBrowser, openBrowser, type Browser } from '../lib/browser';
import { FileFollower, freshPausedWorkflows, freshWorkflows, playWorkflows, schedulerLog, stopWorkflows } from '../lib/cylc';
import { stopServerViaHub } from '../lib/hub-api';
import { uiServers } from '../lib/processes';
import { E2E_TIMINGS } from './hooks';

const OWNER = 'atmosphere_stage';
const CLOUDS = `~${OWNER}/clouds/run1`;
const WINDS = `~${OWNER}/winds/run1`;
const CLIMB_1 = `${CLOUDS}//1/climb`;
const MARATHON = '~alice/experiments/marathon/run1';

function workflowUrl(owner: string, id: string, query = ''): string {
  return `${PUBLIC_URL}/user/${owner}/${query}#/workflow/${encodeURIComponent(id)}`;
}

function taskUrl(owner: string, workflow: string, task: string): string {
  return `${workflowUrl(owner, workflow)}/task/${encodeURIComponent(task)}`;
}

/** Runs an action from the UI: its button, then "yes" in the confirm dialog; returns the outcome shown. */
async function act(page: Page, scope: string, action: string): Promise<string> {
  await page.click(`${scope} button[data-action="${action}"]`);
  await expectSelector(page, '[data-confirm-dialog] button[data-confirm="yes"]', 10_000);
  await page.click('[data-confirm-dialog] button[data-confirm="yes"]');
  await page.waitForSelector(
    '[data-action-status][data-outcome="sent"], [data-action-status][data-outcome="done"], [data-action-status][data-outcome="error"]',
    {
      timeout: 15_000,
    },
  );
  return (await page.getAttribute('[data-action-status]', 'data-outcome')) ?? '';
}

interface StateChange {
  id: string;
  state: string;
  at: number;
}

/** Records, in the page, every task row's state as it changes (with the page's clock: the same machine's). */
async function recordTaskStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const changes: { id: string; state: string; at: number }[] = [];
    (window as unknown as { isobarChanges: typeof changes }).isobarChanges = changes;
    const note = (el: Element) => {
      const id = el.getAttribute('data-task-id');
      const state = el.getAttribute('data-state');
      if (id && state) changes.push({ id, state, at: Date.now() });
    };
    document.querySelectorAll('[data-task-id]').forEach(note);
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) note(r.target);
        r.addedNodes.forEach((n) => {
          if (!(n instanceof Element)) return;
          if (n.hasAttribute('data-task-id')) note(n);
          n.querySelectorAll('[data-task-id]').forEach(note);
        });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

async function taskStates(page: Page, id: string): Promise<StateChange[]> {
  const all = await page.evaluate(() => (window as unknown as { isobarChanges: StateChange[] }).isobarChanges);
  return all.filter((c) => c.id === id);
}

describe('the web UI on real schedulers (Chromium)', function () {
  this.timeout(240_000);
  let browser: Browser;

  before(async function () {
    this.timeout(300_000);
    freshPausedWorkflows('clouds');
    freshWorkflows('winds', 'experiments/marathon');
    await stopServerViaHub(OWNER);
    await stopServerViaHub('alice');
    browser = await openBrowser();
  });
  after(async function () {
    this.timeout(120_000);
    await browser?.close();
    stopWorkflows('clouds', 'winds', 'experiments/marathon');
  });

  describe('atmosphere_stage, the owner', () => {
    let page: Page;
    before(async () => {
      page = await browser.context.newPage();
      await loginInBrowser(page, OWNER);
    });
    after(async () => page?.close());

    it('sees clouds and winds in the workflow list, live', async () => {
      await page.goto(`${PUBLIC_URL}/user/${OWNER}/`);
      await expectSelector(page, `[data-workflow-id="${WINDS}"][data-status="running"]`, 60_000);
      await expectSelector(page, `[data-workflow-id="${CLOUDS}"][data-status="paused"]`, 10_000);
      await expectSelector(page, '#feed[data-state="live"]', 10_000);
    });

    it('holds 1/climb from the UI: the scheduler logs the command and the task shows held', async () => {
      const log = new FileFollower(schedulerLog(OWNER, 'clouds'));
      try {
        await page.goto(taskUrl(OWNER, CLOUDS, CLIMB_1));
        await expectSelector(page, `[data-task-id="${CLIMB_1}"][data-state="waiting"]`, 20_000);
        const outcome = await act(page, `[data-task-panel="${CLIMB_1}"]`, 'hold');
        assert.notEqual(outcome, 'error', (await page.textContent('[data-action-status]')) ?? '');
        const line = await log.waitFor(/\[command\] hold/, 15_000);
        assert.doesNotMatch(line.text, /issued by/, 'the owner acted as the owner');
        await expectSelector(page, `[data-task-id="${CLIMB_1}"][data-held="true"]`, 10_000);
        await expectSelector(page, '[data-action-status][data-outcome="done"]', 10_000);
      } finally {
        log.stop();
      }
    });

    it('released and resumed from the UI, 1/climb goes waiting → submitted → running → succeeded, each shown within 1 s of the scheduler logging it', async () => {
      const log = new FileFollower(schedulerLog(OWNER, 'clouds'), 10);
      try {
        await recordTaskStates(page);
        assert.equal(await act(page, `[data-task-panel="${CLIMB_1}"]`, 'release'), 'sent');
        await log.waitFor(/\[command\] release/, 15_000);
        await expectSelector(page, `[data-task-id="${CLIMB_1}"][data-held="false"]`, 10_000);
        await page.goto(workflowUrl(OWNER, CLOUDS));
        await recordTaskStates(page);
        await act(page, '[data-workflow-actions]', 'resume');
        await log.waitFor(/\[command\] resume/, 15_000);
        const logged: Record<string, number> = {};
        for (const state of ['submitted', 'running', 'succeeded']) {
          logged[state] = (await log.waitFor(new RegExp(`\\[1/climb [^\\]]*\\] => ${state}\\b`), 60_000)).seenAt;
        }
        await sleep(1500);
        const seen = await taskStates(page, CLIMB_1);
        assert.equal(seen[0]?.state, 'waiting', JSON.stringify(seen));
        for (const state of ['submitted', 'running', 'succeeded']) {
          const shown = seen.find((c) => c.state === state);
          assert.ok(shown, `${state} never shown: ${JSON.stringify(seen)}`);
          const lag = shown.at - logged[state]!;
          assert.ok(lag <= 1000, `${state} shown ${lag} ms after the scheduler logged it`);
        }
        await expectSelector(page, `[data-workflow-id="${CLOUDS}"][data-status="running"]`, 10_000);
      } finally {
        log.stop();
      }
    });

    it('winds stopped from outside shows stopped with its history; played again, the page follows without a reload', async () => {
      await page.goto(workflowUrl(OWNER, WINDS));
      await expectSelector(page, `[data-task-id^="${WINDS}//"]`, 20_000);
      // Survives only if the page is never reloaded.
      await page.evaluate(() => ((window as unknown as { isobarMarker: number }).isobarMarker = 42));
      stopWorkflows('winds');
      await expectSelector(page, `[data-workflow-id="${WINDS}"][data-status="stopped"]`, 30_000);
      await expectSelector(page, `[data-task-id^="${WINDS}//"][data-state="succeeded"]`, 10_000);
      playWorkflows('winds');
      await expectSelector(page, `[data-workflow-id="${WINDS}"][data-status="running"]`, 60_000);
      assert.equal(await page.evaluate(() => (window as unknown as { isobarMarker?: number }).isobarMarker), 42);
    });
  });

  // After the owner's tests (mocha runs a block's own tests before its nested blocks).
  describe('other visitors', () => {
    it('jacintar reads the same server: tasks shown, no action offered', async () => {
      const page = await browser.context.newPage();
      try {
        await loginInBrowser(page, 'jacintar');
        // The first visit may start the server; the hub's spawn pages drop a #fragment, so open the view afterwards.
        await page.goto(`${PUBLIC_URL}/user/${OWNER}/`);
        await expectSelector(page, '#feed[data-state="live"]', 60_000);
        await page.goto(workflowUrl(OWNER, CLOUDS));
        await expectSelector(page, `[data-task-id^="${CLOUDS}//"]`, 60_000);
        assert.equal((await page.textContent('#visitor'))?.trim(), 'jacintar');
        assert.equal(await page.locator('button[data-action]').count(), 0);
      } finally {
        await page.close();
      }
    });

    it("a job's job.out is readable in the browser while it grows (alice's marathon)", async () => {
      const page = await browser.context.newPage();
      try {
        await loginInBrowser(page, 'alice');
        const task = `${MARATHON}//1/run`;
        await page.goto(taskUrl('alice', MARATHON, task));
        await expectSelector(page, `[data-job-id^="${task}/"][data-state="running"]`, 60_000);
        await expectSelector(page, '[data-log-view] button[data-log-file="job.out"]', 20_000);
        await page.click('[data-log-view] button[data-log-file="job.out"]');
        const text = () => page.textContent('[data-log-view] pre').then((t) => t ?? '');
        const first = await waitFor('job.out text', async () => ((await text()).trim() ? text() : undefined), 20_000);
        const later = await waitFor(
          'job.out to grow',
          async () => {
            const now = await text();
            return now.length > first.length ? now : undefined;
          },
          20_000,
        );
        assert.ok(later.startsWith(first), 'appended, not replaced');
      } finally {
        await page.close();
      }
    });

    it('a kiosk page outlives the idle timeout, and resumes by itself after its server is killed and respawned', async () => {
      const page = await browser.context.newPage();
      try {
        await loginInBrowser(page, 'jacintar');
        await page.goto(`${PUBLIC_URL}/user/${OWNER}/?kiosk=1`);
        await expectSelector(page, '#feed[data-state="live"]', 60_000);
        await page.goto(workflowUrl(OWNER, CLOUDS, '?kiosk=1'));
        await expectSelector(page, `html.kiosk [data-task-id^="${CLOUDS}//"]`, 60_000);
        await expectSelector(page, '#feed[data-state="live"]', 10_000);
        assert.equal(await page.locator('button[data-action]').count(), 0);
        const [server] = uiServers(OWNER);
        assert.ok(server, 'a server is running');
        await sleep((E2E_TIMINGS.idleTimeout + 5) * 1000);
        assert.deepEqual(
          uiServers(OWNER).map((p) => p.pid),
          [server.pid],
          'still the same server after the idle timeout',
        );

        process.kill(server.pid, 'SIGKILL');
        await page.waitForFunction(() => document.querySelector('#feed')?.getAttribute('data-state') !== 'live', undefined, {
          timeout: 15_000,
        });
        const respawned = await waitFor('a new UI server', () => uiServers(OWNER).find((p) => p.pid !== server.pid), 90_000, 500);
        assert.notEqual(respawned.pid, server.pid);
        await expectSelector(page, `html.kiosk #feed[data-state="live"]`, 60_000);
        await expectSelector(page, `[data-task-id^="${CLOUDS}//"]`, 10_000);
        assert.match(page.url(), /#\/workflow\//, 'the same view as before');
        assert.equal(await page.locator('button[data-action]').count(), 0);
      } finally {
        await page.close();
      }
    });
  });
});
