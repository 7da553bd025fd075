/**
 * Against a REAL Cylc 8 scheduler: atmosphere_stage's `clouds`, installed
 * afresh and started by the test bed's own script, as its owner. Needs
 * root (to run test/bed/cylc.sh and read the owner's key files) and the test
 * bed users (test/bed/users.sh).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import {
  ELEMENT_TYPES,
  RunDb,
  SchedulerError,
  WorkflowStore,
  type AllDeltas,
  type ElementType,
  fetchDataElements,
  fetchEntireWorkflow,
  openWorkflowClient,
  openWorkflowSubscriber,
  scanRuns,
  type SubscriberEvent,
  type WorkflowClient,
} from '../src';

const REPO = resolve(__dirname, '../../../..');
const CYLC_SH = resolve(REPO, 'test/bed/cylc.sh');
const OWNER = 'atmosphere_stage';
const CYLC_RUN = `/home/${OWNER}/cylc-run`;
const RUN_DIR = `${CYLC_RUN}/clouds/runN`;

async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.max(0, size - offset));
    await handle.read(buf, 0, buf.length, offset);
    return buf.toString('utf8');
  } finally {
    await handle.close();
  }
}

describe('a real scheduler (atmosphere_stage/clouds)', function () {
  let wf: WorkflowClient | undefined;

  before(async function () {
    this.timeout(300_000); // the first run may install cylc-flow
    await promisify(execFile)('bash', [CYLC_SH, 'fresh', 'clouds']);
    wf = await openWorkflowClient(RUN_DIR);
  });
  after(async function () {
    this.timeout(60_000);
    wf?.client.close();
    // A cycling workflow left running would load the machine for every later test.
    await promisify(execFile)('bash', [CYLC_SH, 'stop', 'clouds']);
  });

  function client(): WorkflowClient {
    assert.ok(wf, 'no client');
    return wf;
  }

  it('is found running by the scanner', async () => {
    const runs = await scanRuns(CYLC_RUN);
    const latest = runs.find((r) => r.workflow === 'clouds' && r.latest);
    assert.ok(latest, JSON.stringify(runs));
    assert.equal(latest.running, true);
    assert.equal(client().contact.owner, OWNER);
    assert.equal(client().contact.workflowId, latest.id);
  });

  it('answers { workflows { id status } taskProxies { id state } }', async () => {
    const { contact, client: c } = client();
    const data = await c.graphql('{ workflows { id status } taskProxies { id state } }', {}, OWNER);
    const workflows = data['workflows'] as { id: string; status: string }[];
    assert.deepEqual(workflows, [{ id: `~${OWNER}/${contact.workflowId}`, status: 'running' }]);
    const tasks = data['taskProxies'] as { id: string; state: string }[];
    assert.ok(tasks.length > 0);
    assert.ok(
      tasks.some((t) => /\/\/\d+\/climb$/.test(t.id)),
      JSON.stringify(tasks),
    );
  });

  it('passes GraphQL errors on', async () => {
    await assert.rejects(client().client.graphql('{ nope }', {}, OWNER), (err: unknown) => {
      assert.ok(err instanceof SchedulerError);
      assert.match(err.message, /Cannot query field "nope"/);
      return true;
    });
  });

  it('logs a hold sent with auth_user jacintar as issued by jacintar', async function () {
    this.timeout(20_000);
    const { contact, client: c } = client();
    const log = `${contact.runDir}/log/scheduler/log`;
    const offset = (await stat(log)).size;
    // A far-future task, so the workflow other people look at keeps running.
    const workflows = [`~${OWNER}/${contact.workflowId}`];
    const tasks = ['99999/climb'];
    const held = await c.graphql(
      'mutation ($w: [WorkflowID]!, $t: [NamespaceIDGlob]!) { hold(workflows: $w, tasks: $t) { result } }',
      { w: workflows, t: tasks },
      'jacintar',
    );
    assert.deepEqual(held, { hold: { result: [{ id: workflows[0], response: [true, 'Command queued'] }] } });
    let text = '';
    for (let i = 0; i < 50 && !text.includes('[command] hold (issued by jacintar)'); i++) {
      await sleep(200);
      text = await readFrom(log, offset);
    }
    assert.match(text, /\[command\] hold \(issued by jacintar\)/);
    await c.graphql(
      'mutation ($w: [WorkflowID]!, $t: [NamespaceIDGlob]!) { release(workflows: $w, tasks: $t) { result } }',
      { w: workflows, t: tasks },
      'jacintar',
    );
  });

  it('sends its whole data store as protobuf (pb_entire_workflow)', async () => {
    const { contact, client: c } = client();
    const whole = await fetchEntireWorkflow(c, OWNER);
    assert.equal(whole.workflow?.id, `~${OWNER}/${contact.workflowId}`);
    assert.equal(whole.workflow?.name, contact.workflowId);
    assert.equal(whole.workflow?.owner, OWNER);
    const proxies = whole.task_proxies ?? [];
    assert.ok(
      proxies.some((t) => t.name === 'climb' && typeof t.state === 'string'),
      JSON.stringify(proxies.map((t) => [t.id, t.state])),
    );
    assert.ok((whole.tasks ?? []).length > 0);
    const elements = await fetchDataElements(c, 'task_proxies', OWNER);
    assert.ok((elements.added ?? []).length > 0);
  });

  it('publishes deltas that decode (topic all)', async function () {
    this.timeout(20_000);
    const { subscriber } = await openWorkflowSubscriber(RUN_DIR);
    const timer = setTimeout(() => subscriber.close(), 15_000);
    let first: SubscriberEvent | undefined;
    try {
      for await (const event of subscriber) {
        first = event;
        break;
      }
    } finally {
      clearTimeout(timer);
      subscriber.close();
    }
    assert.ok(first, 'no message within 15 s');
    assert.equal(first.kind, 'deltas', JSON.stringify(first));
    if (first.kind !== 'deltas') return;
    const types = Object.keys(first.deltas);
    assert.ok(types.length > 0);
    const anyTime = Object.values(first.deltas).some((d: { time?: number } | undefined) => typeof d?.time === 'number');
    assert.ok(anyTime, JSON.stringify(first.deltas).slice(0, 500));
  });

  it('keeps a store whose checksums match the scheduler for 10 s of real deltas, and detects a corrupted one', async function () {
    this.timeout(40_000);
    const { client: c } = client();
    // Subscribed before the snapshot, as real use must be.
    const { subscriber } = await openWorkflowSubscriber(RUN_DIR);
    const store = new WorkflowStore();
    const mismatches: ElementType[] = [];
    let checked = 0;
    let last: AllDeltas | undefined;
    const timer = setTimeout(() => subscriber.close(), 10_000);
    try {
      store.loadEntire(await fetchEntireWorkflow(c, OWNER));
      for await (const event of subscriber) {
        if (event.kind !== 'deltas') continue;
        const result = store.apply(event.deltas);
        mismatches.push(...result.mismatched);
        const types = ELEMENT_TYPES.filter((t) => event.deltas[t]?.checksum !== undefined && event.deltas[t]?.reloaded !== true);
        checked += types.length;
        if (types.length > 0) last = event.deltas;
      }
    } finally {
      clearTimeout(timer);
      subscriber.close();
    }
    assert.ok(checked > 0 && last !== undefined, 'no checksummed delta within 10 s');
    assert.deepEqual(mismatches, []);

    // The last real delta again, with its checksums off by one: every type in it must be reported.
    const corrupted: Record<string, unknown> = { ...last };
    const expected = ELEMENT_TYPES.filter((t) => last?.[t]?.checksum !== undefined && last[t]?.reloaded !== true);
    for (const t of expected) corrupted[t] = { ...last[t], checksum: ((last[t]?.checksum ?? 0) + 1) % 2 ** 32 };
    assert.deepEqual(store.apply(corrupted as AllDeltas).mismatched, expected);

    // And the resync the caller then does.
    for (const t of expected) {
      const fetched = await fetchDataElements(c, t, OWNER);
      store.replaceType(t, fetched.added ?? [], fetched.time);
      assert.equal(store.elements[t].size, (fetched.added ?? []).length);
    }
  });

  it('has 1/climb jobs in the run database (log/db)', async function () {
    this.timeout(30_000);
    let jobs: ReturnType<RunDb['taskJobs']> = [];
    // The first run of clouds may not have submitted 1/climb yet.
    for (let i = 0; i < 50 && jobs.length === 0; i++) {
      const db = new RunDb(RUN_DIR);
      try {
        jobs = db.taskJobs({ cycle: '1', name: 'climb' });
        assert.ok(db.workflowParams()['uuid_str'], 'no uuid_str in workflow_params');
      } finally {
        db.close();
      }
      if (jobs.length === 0) await sleep(500);
    }
    assert.ok(jobs.length > 0, 'no 1/climb job');
    assert.equal(jobs[0]?.cycle, '1');
    assert.equal(jobs[0]?.name, 'climb');
    assert.ok((jobs[0]?.submit_num ?? 0) >= 1);
  });
});
