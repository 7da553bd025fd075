/**
 * WorkflowMonitor and WorkflowConnection against a REAL Cylc 8 scheduler:
 * atmosphere_stage's `clouds`, installed afresh and started (so it is at
 * its first cycles, whatever an earlier run left) and stopped by the test
 * bed's own script, as its owner. Needs root (to run test/bed/cylc.sh and
 * read the owner's key files) and the test bed users.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  WorkflowConnection,
  WorkflowMonitor,
  readContact,
  type ConnectionResync,
  type MonitorLog,
  type TaskProxyElement,
  type WorkflowChange,
} from '../src';
import { waitFor } from './wait';

const REPO = resolve(__dirname, '../../../..');
const CYLC_SH = resolve(REPO, 'test/bed/cylc.sh');
const OWNER = 'atmosphere_stage';
const CYLC_RUN = `/home/${OWNER}/cylc-run`;
const RUN_DIR = `${CYLC_RUN}/clouds/runN`;

function cylcSh(...args: string[]): Promise<unknown> {
  return promisify(execFile)('bash', [CYLC_SH, ...args]);
}

/** The proxy of the latest cycle: the one least likely to be pruned in the next seconds. */
function newestProxy(proxies: Iterable<TaskProxyElement>): TaskProxyElement {
  let newest: TaskProxyElement | undefined;
  for (const proxy of proxies) if (newest === undefined || Number(proxy.cycle_point) > Number(newest.cycle_point)) newest = proxy;
  assert.ok(newest, 'no task proxies');
  return newest;
}

describe('WorkflowMonitor with a real scheduler (atmosphere_stage/clouds)', function () {
  let monitor: WorkflowMonitor | undefined;
  let id = '';
  let firstPid = 0;
  const changes: WorkflowChange[] = [];
  const logs: MonitorLog[] = [];

  before(async function () {
    this.timeout(300_000); // the first run may install cylc-flow
    await cylcSh('fresh', 'clouds');
    id = `~${OWNER}/clouds/${basename(await realpath(RUN_DIR))}`;
    firstPid = (await readContact(RUN_DIR)).pid;
    monitor = new WorkflowMonitor({ cylcRun: CYLC_RUN, owner: OWNER });
    monitor.on('change', (change) => {
      if (change.workflowId === id) changes.push(change);
    });
    monitor.on('log', (log) => logs.push(log));
    await monitor.start();
  });
  after(async function () {
    this.timeout(60_000);
    await monitor?.close();
    // A cycling workflow left running would load the machine for every later test.
    await cylcSh('stop', 'clouds');
  });

  function current(): WorkflowMonitor {
    assert.ok(monitor, 'no monitor');
    return monitor;
  }

  it('sees clouds running, with its task proxies', () => {
    const clouds = current().get(id);
    assert.ok(
      clouds,
      JSON.stringify(
        current()
          .list()
          .map((w) => w.id),
      ),
    );
    assert.equal(clouds.live, true, JSON.stringify(logs));
    assert.equal(clouds.status, 'running');
    assert.equal(clouds.name, `clouds/${basename(id)}`);
    const proxies = [...clouds.store.elements.task_proxies.values()] as TaskProxyElement[];
    assert.ok(
      proxies.some((t) => t.name === 'climb' && typeof t.state === 'string'),
      JSON.stringify(proxies.map((t) => [t.id, t.state])),
    );
    assert.ok(changes.some((c) => c.reset));
  });

  it('reports a task state change as a change event', async function () {
    this.timeout(20_000);
    const store = current().get(id)?.store;
    assert.ok(store);
    const before = new Map([...store.elements.task_proxies].map(([tid, t]) => [tid, (t as TaskProxyElement).state]));
    const seen = changes.length;
    const changedState = (c: WorkflowChange): boolean =>
      (c.updated.task_proxies ?? []).some((tid) => {
        const now = (store.elements.task_proxies.get(tid) as TaskProxyElement | undefined)?.state;
        return now !== undefined && now !== before.get(tid);
      });
    await waitFor('a task proxy changing state', () => changes.slice(seen).some((c) => !c.reset && changedState(c)), 15_000, 50);
  });

  it('detects a damaged store by its checksum and resynchronises it', async function () {
    this.timeout(30_000);
    const connection = await WorkflowConnection.open(RUN_DIR);
    const resyncs: ConnectionResync[] = [];
    connection.on('resync', (r) => resyncs.push(r));
    try {
      // Damage the connection's store and the monitor's one (the store is public).
      const damaged = newestProxy(connection.store.elements.task_proxies.values()).id ?? '';
      connection.store.elements.task_proxies.delete(damaged);
      const monitored = current().get(id)?.store;
      assert.ok(monitored);
      const damagedToo = newestProxy(monitored.elements.task_proxies.values()).id ?? '';
      monitored.elements.task_proxies.delete(damagedToo);
      const logged = logs.length;

      await waitFor('a resync', () => resyncs.length > 0, 20_000, 20);
      assert.deepEqual(resyncs[0], { type: 'task_proxies', reason: 'checksum mismatch' });
      await waitFor(`${damaged} back`, () => connection.store.elements.task_proxies.has(damaged), 5000, 20);

      await waitFor(
        'the monitor resyncing',
        () => logs.slice(logged).some((l) => l.message === `${id}: resync of task_proxies: checksum mismatch`),
        20_000,
        20,
      );
      await waitFor(`${damagedToo} back in the monitor`, () => monitored.elements.task_proxies.has(damagedToo), 5000, 20);
      assert.equal(connection.state, 'live');
    } finally {
      await connection.close();
    }
  });

  it('shows clouds stopped, with its history from log/db, after cylc stop', async function () {
    this.timeout(40_000);
    // On a fresh install the first jobs may still be running: history needs one finished task.
    await waitFor(
      'a task of clouds succeeded',
      () => [...(current().get(id)?.store.elements.task_proxies.values() ?? [])].some((t) => (t as TaskProxyElement).state === 'succeeded'),
      30_000,
      100,
    );
    const seen = changes.length;
    await cylcSh('stop', 'clouds');
    // Not live any more, and its history read from log/db (announced by a reset change).
    await waitFor(
      'clouds stopped',
      () => current().get(id)?.live === false && current().get(id)?.store.workflow?.status === 'stopped',
      20_000,
      50,
    );
    const clouds = current().get(id);
    assert.ok(clouds);
    assert.equal(clouds.status, 'stopped');
    assert.equal(clouds.store.workflow?.status, 'stopped');
    assert.ok(changes.slice(seen).some((c) => c.reset));
    const proxies = [...clouds.store.elements.task_proxies.values()] as TaskProxyElement[];
    assert.ok(proxies.length > 0);
    assert.ok(
      proxies.some((t) => t.name === 'climb' && t.state === 'succeeded'),
      JSON.stringify(proxies.slice(0, 10)),
    );
    const jobs = [...clouds.store.elements.jobs.values()];
    assert.ok(jobs.length > 0);
    assert.ok(
      jobs.every((j) => /\/\/\d+\/[a-z]+\/\d{2,}$/.test(j.id ?? '')),
      JSON.stringify(jobs.slice(0, 3)),
    );
    assert.ok(jobs.some((j) => j['state'] === 'succeeded'));
    await assert.rejects(current().graphql(id, '{ workflows { id } }', {}, OWNER), { code: 'WORKFLOW_NOT_RUNNING' });
  });

  it('reconnects when clouds is played again, with a reset and the new scheduler data', async function () {
    this.timeout(40_000);
    const seen = changes.length;
    await cylcSh('play', 'clouds');
    await current().rescan();
    // `cylc play` may return before the scheduler answers: the periodic scan picks it up then.
    await waitFor('clouds live again', () => current().get(id)?.live === true, 20_000, 50);
    // A new scheduler process (the run's UUID stays: Cylc keeps it in log/db).
    assert.notEqual((await readContact(RUN_DIR)).pid, firstPid);
    const clouds = current().get(id);
    assert.ok(clouds);
    assert.equal(clouds.status, 'running');
    assert.ok(changes.slice(seen).some((c) => c.reset));
    assert.ok([...clouds.store.elements.task_proxies.values()].some((t) => (t as TaskProxyElement).name === 'climb'));
    const data = await current().graphql(id, '{ workflows { id status } }', {}, OWNER);
    assert.deepEqual(data, { workflows: [{ id, status: 'running' }] });
  });
});
