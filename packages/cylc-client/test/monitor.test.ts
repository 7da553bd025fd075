import assert from 'node:assert/strict';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import {
  WorkflowMonitor,
  WorkflowNotRunningError,
  generateChecksum,
  type EntireWorkflow,
  type MonitorLog,
  type WorkflowChange,
  type WorkflowMonitorOptions,
} from '../src';
import { entireReply } from './fake-channels';
import { startFakeWorkflow, type FakeWorkflow } from './fake-workflow';
import { makeRunDb } from './run-db-fixture';
import { useTmpDir } from './tmpdir';
import { waitFor } from './wait';

const OWNER = 'alice';
const W = `~${OWNER}/w/run1`;
const A = `${W}//5/a`;

const LIVE: EntireWorkflow = {
  workflow: { id: W, status: 'paused' },
  task_proxies: [{ id: A, stamp: `${A}@1`, state: 'waiting' }],
};

/** Installs a run directory (`flow.cylc`, and `runN` for numbered runs); returns it. */
async function installRun(cylcRun: string, id: string): Promise<string> {
  const runDir = join(cylcRun, id);
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, 'flow.cylc'), '[scheduling]\n');
  const run = /\/(run\d+)$/.exec(id)?.[1];
  if (run !== undefined) await symlink(run, join(runDir, '..', 'runN'));
  return runDir;
}

function answer(request: Record<string, unknown>): string | Buffer | undefined {
  if (request['command'] === 'pb_entire_workflow') return entireReply(LIVE);
  if (request['command'] === 'graphql') return JSON.stringify({ data: { workflows: [{ id: W, status: 'paused' }] } });
  return JSON.stringify({ error: { message: `unexpected ${String(request['command'])}` } });
}

describe('WorkflowMonitor', () => {
  const tmp = useTmpDir();
  let monitor: WorkflowMonitor | undefined;
  const fakes: FakeWorkflow[] = [];
  let changes: WorkflowChange[] = [];
  let logs: MonitorLog[] = [];

  afterEach(async () => {
    await monitor?.close();
    monitor = undefined;
    for (const fake of fakes.splice(0)) fake.close();
  });

  function startMonitor(cylcRun: string, options: Partial<WorkflowMonitorOptions> = {}): Promise<void> {
    changes = [];
    logs = [];
    monitor = new WorkflowMonitor({
      cylcRun,
      owner: OWNER,
      scanIntervalMs: 50,
      requestTimeoutMs: 2000,
      livenessIntervalMs: 50,
      ...options,
    });
    monitor.on('change', (c) => changes.push(c));
    monitor.on('log', (l) => logs.push(l));
    return monitor.start();
  }

  function current(): WorkflowMonitor {
    assert.ok(monitor);
    return monitor;
  }

  async function fakeWorkflow(): Promise<FakeWorkflow> {
    const fake = await startFakeWorkflow(answer);
    fakes.push(fake);
    return fake;
  }

  it('shows stopped runs with their history from log/db, and announces each once', async () => {
    const cylcRun = join(tmp(), 'cylc-run');
    await makeRunDb(await installRun(cylcRun, 'w/run1'));
    await installRun(cylcRun, 'other');
    await startMonitor(cylcRun);

    const m = current();
    assert.deepEqual(
      m.list().map((w) => [w.id, w.name, w.live, w.status]),
      [
        [`~${OWNER}/other`, 'other', false, 'stopped'],
        [W, 'w/run1', false, 'stopped'],
      ],
    );
    const store = m.get(W)?.store;
    assert.ok(store);
    assert.equal(store.workflow?.status, 'stopped');
    assert.deepEqual(
      [...store.elements.task_proxies.values()].map((t) => [t.id, t['state']]),
      [
        [`${W}//2/climb`, 'running'],
        [`${W}//1/climb`, 'succeeded'],
      ],
    );
    assert.equal(store.elements.jobs.size, 3);
    assert.deepEqual(m.get(`~${OWNER}/other`)?.store.workflow, { id: `~${OWNER}/other`, name: 'other', owner: OWNER, status: 'stopped' });
    assert.deepEqual(changes.map((c) => [c.workflowId, c.reset, c.removed]).sort(), [
      [`~${OWNER}/other`, true, false],
      [W, true, false],
    ]);
    await sleep(200); // several scans: nothing changed, nothing to say
    assert.equal(changes.length, 2);
    await assert.rejects(m.graphql(W, '{ workflows { id } }', {}, OWNER), WorkflowNotRunningError);
    await assert.rejects(m.graphql(`~${OWNER}/nope`, '{ workflows { id } }', {}, OWNER), WorkflowNotRunningError);
  });

  it('reads a stopped run again when its database changes, and reports a run that disappears', async () => {
    const cylcRun = join(tmp(), 'cylc-run');
    const runDir = await installRun(cylcRun, 'w/run1');
    await makeRunDb(runDir);
    await installRun(cylcRun, 'other');
    await startMonitor(cylcRun);
    changes = [];

    const db = new Database(join(runDir, 'log', 'db'));
    db.prepare("INSERT INTO task_states VALUES ('climb', '3', '[1]', 't', '2024-01-01T00:00:30Z', 0, 'waiting', 0)").run();
    db.close();
    await waitFor('a reset for the new row', () => changes.some((c) => c.workflowId === W && c.reset));
    assert.equal(current().get(W)?.store.elements.task_proxies.get(`${W}//3/climb`)?.['state'], 'waiting');

    await rm(join(cylcRun, 'other'), { recursive: true });
    await current().rescan();
    assert.deepEqual(changes.at(-1), {
      workflowId: `~${OWNER}/other`,
      reset: true,
      workflowUpdated: true,
      updated: {},
      pruned: {},
      removed: true,
    });
    assert.equal(current().get(`~${OWNER}/other`), undefined);
    assert.deepEqual(
      current()
        .list()
        .map((w) => w.id),
      [W],
    );
  });

  it('shows a run whose database cannot be read without history, logging it once', async () => {
    const cylcRun = join(tmp(), 'cylc-run');
    const runDir = await installRun(cylcRun, 'w/run1');
    await mkdir(join(runDir, 'log'));
    await writeFile(join(runDir, 'log', 'db'), 'not a database');
    await startMonitor(cylcRun);
    assert.deepEqual(current().get(W)?.store.workflow, { id: W, name: 'w/run1', owner: OWNER, status: 'stopped' });
    await sleep(200);
    const problems = logs.filter((l) => l.message.startsWith(`${W}: cannot read the run database: `));
    assert.equal(problems.length, 1, JSON.stringify(logs));
    assert.equal(problems[0]?.level, 'warn');
    assert.equal(changes.length, 1);
  });

  it('follows a running scheduler: snapshot, deltas, GraphQL, shutdown, restart', async () => {
    const cylcRun = join(tmp(), 'cylc-run');
    const runDir = await installRun(cylcRun, 'w/run1');
    await makeRunDb(runDir);
    const fake = await fakeWorkflow();
    await fake.writeRunFiles(runDir, { uuid: 'u1', owner: OWNER, workflowId: 'w/run1' });
    await startMonitor(cylcRun);

    const m = current();
    assert.equal(m.get(W)?.live, true);
    assert.equal(m.get(W)?.status, 'paused');
    assert.deepEqual([...(m.get(W)?.store.elements.task_proxies.keys() ?? [])], [A]);
    assert.deepEqual(changes, [{ workflowId: W, reset: true, workflowUpdated: true, updated: {}, pruned: {}, removed: false }]);

    // PUB drops what it sends before the subscription arrives: repeat until one gets through.
    const delta = {
      workflow: { updated: { id: W, status: 'running' } },
      task_proxies: { time: 2, updated: [{ id: A, stamp: `${A}@2`, state: 'running' }], checksum: generateChecksum([`${A}@2`]) },
    };
    for (let i = 0; i < 100 && changes.length === 1; i++) {
      await fake.publish(delta);
      await sleep(20);
    }
    assert.deepEqual(changes[1], { workflowId: W, reset: false, workflowUpdated: true, updated: { task_proxies: [A] }, pruned: {} });
    assert.equal(m.get(W)?.status, 'running');

    assert.deepEqual(await m.graphql(W, '{ workflows { id status } }', {}, 'jacintar'), { workflows: [{ id: W, status: 'paused' }] });
    assert.deepEqual((fake.received.at(-1)?.['meta'] as Record<string, unknown>)['auth_user'], 'jacintar');
    assert.equal((fake.received[0]?.['meta'] as Record<string, unknown>)['auth_user'], OWNER);

    changes = [];
    await fake.publishShutdown('REQUEST(NOW)');
    await waitFor('the stop', () => m.get(W)?.live === false);
    await waitFor('the reset to history', () => changes.some((c) => c.reset));
    assert.equal(m.get(W)?.status, 'stopped');
    assert.equal(m.get(W)?.store.elements.task_proxies.size, 2);
    assert.ok(logs.some((l) => l.level === 'info' && l.message === `${W}: disconnected: scheduler shut down: REQUEST(NOW)`));

    // Its contact file is still there, but that scheduler said it is going: no reconnecting to it.
    const requests = fake.received.length;
    await sleep(250);
    assert.equal(m.get(W)?.live, false);
    assert.equal(fake.received.length, requests);

    // Played again: a new scheduler process, with the run's same UUID.
    changes = [];
    await fake.writeRunFiles(runDir, { uuid: 'u1', owner: OWNER, workflowId: 'w/run1', pid: process.ppid });
    await m.rescan();
    assert.equal(m.get(W)?.live, true);
    assert.equal(m.get(W)?.status, 'paused');
    assert.deepEqual(changes, [{ workflowId: W, reset: true, workflowUpdated: true, updated: {}, pruned: {} }]);

    // Stopped without a word (contact file removed): the liveness check notices.
    await rm(join(runDir, '.service', 'contact'));
    await waitFor('the stop', () => m.get(W)?.live === false);
    assert.ok(logs.some((l) => /disconnected: contact file removed/.test(l.message)));
  });

  it('shows a run whose scheduler does not answer as stopped, without holding up the others', async () => {
    const cylcRun = join(tmp(), 'cylc-run');
    const silent = await startFakeWorkflow(() => undefined);
    fakes.push(silent);
    const hung = await installRun(cylcRun, 'w/run1');
    await makeRunDb(hung);
    await silent.writeRunFiles(hung, { uuid: 'u1', owner: OWNER, workflowId: 'w/run1' });
    const fine = await fakeWorkflow();
    await fine.writeRunFiles(await installRun(cylcRun, 'fine'), { uuid: 'u3', owner: OWNER, workflowId: 'fine' });
    const leftBehind = await startFakeWorkflow(() => undefined);
    fakes.push(leftBehind);
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await leftBehind.writeRunFiles(await installRun(cylcRun, 'gone'), { uuid: 'u4', owner: OWNER, workflowId: 'gone', pid: deadPid });

    const started = Date.now();
    await startMonitor(cylcRun, { requestTimeoutMs: 300 });
    assert.ok(Date.now() - started < 2000, `start took ${Date.now() - started} ms`);

    const m = current();
    assert.equal(m.get(`~${OWNER}/fine`)?.live, true);
    assert.equal(m.get(W)?.live, false);
    assert.equal(m.get(W)?.status, 'stopped');
    assert.equal(m.get(W)?.store.elements.task_proxies.size, 2);
    assert.equal(m.get(`~${OWNER}/gone`)?.live, false);
    assert.ok(logs.some((l) => l.level === 'warn' && l.message.startsWith(`${W}: not connected: `)));
    assert.ok(
      logs.some(
        (l) =>
          l.level === 'info' &&
          l.message === `~${OWNER}/gone: not connected: contact file left behind by scheduler ${deadPid}, which is gone`,
      ),
    );
    // The left-behind contact file of a dead process is not even tried.
    assert.equal(leftBehind.received.length, 0);

    // Retried at later scans, logged once.
    await waitFor('a retry', () => silent.received.length >= 2, 3000);
    assert.equal(logs.filter((l) => l.message.startsWith(`${W}: not connected`)).length, 1);
    assert.equal(m.get(`~${OWNER}/fine`)?.live, true);
  });
});
