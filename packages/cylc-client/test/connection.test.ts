import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  SchedulerError,
  WorkflowConnection,
  WorkflowNotRunningError,
  generateChecksum,
  resetChange,
  type AllDeltas,
  type ConnectionEnded,
  type ConnectionResync,
  type EntireWorkflow,
  type WorkflowChange,
  type WorkflowConnectionOptions,
} from '../src';
import {
  FakeDeltas,
  FakeRequests,
  elementsReply,
  entireReply,
  errorReply,
  writeContact,
  type ContactFields,
  type FakeResponder,
} from './fake-channels';
import { useTmpDir } from './tmpdir';
import { waitFor } from './wait';

const W = '~alice/w/run1';
const A = `${W}//1/a`;
const B = `${W}//1/b`;
const C = `${W}//2/a`;

const ENTIRE: EntireWorkflow = {
  workflow: { id: W, status: 'running' },
  task_proxies: [
    { id: A, stamp: `${A}@1`, state: 'waiting' },
    { id: B, stamp: `${B}@1`, state: 'waiting' },
  ],
};

function deltas(value: AllDeltas): { kind: 'deltas'; deltas: AllDeltas; bytes: number } {
  return { kind: 'deltas', deltas: value, bytes: 0 };
}

const defaultResponder: FakeResponder = (command) => {
  if (command === 'pb_entire_workflow') return entireReply(ENTIRE);
  if (command === 'graphql') return Buffer.from(JSON.stringify({ data: { workflows: [{ id: W }] } }));
  return errorReply(`unexpected ${command}`);
};

interface Seen {
  readonly changes: WorkflowChange[];
  readonly resyncs: ConnectionResync[];
  readonly ended: ConnectionEnded[];
}

describe('WorkflowConnection (with stand-in sockets)', () => {
  const tmp = useTmpDir();
  const open: WorkflowConnection[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });

  async function setUp(
    respond: FakeResponder = defaultResponder,
    options: WorkflowConnectionOptions = {},
    contact: Partial<ContactFields> = {},
  ) {
    const runDir = tmp();
    const info = await writeContact(runDir, { uuid: 'u1', ...contact });
    const channels = { contact: info, deltas: new FakeDeltas(), requests: new FakeRequests(respond) };
    const connection = new WorkflowConnection(runDir, channels, { livenessIntervalMs: 60_000, ...options });
    open.push(connection);
    const seen: Seen = { changes: [], resyncs: [], ended: [] };
    connection.on('change', (c) => seen.changes.push(c));
    connection.on('resync', (r) => seen.resyncs.push(r));
    connection.on('ended', (e) => seen.ended.push(e));
    return { runDir, connection, seen, ...channels };
  }

  it('buffers deltas published while the snapshot is fetched, then applies them', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const {
      connection,
      deltas: sub,
      requests,
      seen,
    } = await setUp(async (command, args) => {
      if (command === 'pb_entire_workflow') await gate;
      return defaultResponder(command, args);
    });
    const connecting = connection.connect();
    sub.push(
      deltas({
        task_proxies: {
          time: 5,
          updated: [{ id: A, stamp: `${A}@5`, state: 'running' }],
          checksum: generateChecksum([`${A}@5`, `${B}@1`]),
        },
      }),
    );
    await sleep(20);
    assert.equal(connection.state, 'connecting');
    assert.deepEqual(seen.changes, []);
    release();
    await connecting;
    await waitFor('the buffered delta', () => seen.changes.length === 2);
    assert.equal(connection.state, 'live');
    assert.deepEqual(seen.changes, [
      resetChange(W),
      { workflowId: W, reset: false, workflowUpdated: false, updated: { task_proxies: [A] }, pruned: {} },
    ]);
    assert.equal(connection.store.elements.task_proxies.get(A)?.['state'], 'running');
    assert.deepEqual(seen.resyncs, []);
    assert.deepEqual(requests.received, [{ command: 'pb_entire_workflow', args: {}, authUser: 'alice' }]);
  });

  it('resyncs a type whose checksum does not match, reporting exactly what changed', async () => {
    const {
      connection,
      deltas: sub,
      requests,
      seen,
    } = await setUp((command, args) =>
      command === 'pb_data_elements'
        ? elementsReply('task_proxies', {
            time: 7,
            added: [
              { id: A, stamp: `${A}@7`, state: 'running' },
              { id: C, stamp: `${C}@6`, state: 'waiting' },
            ],
          })
        : defaultResponder(command, args),
    );
    await connection.connect();
    // C is added but B's pruning was lost: the scheduler's checksum is of A and C.
    sub.push(deltas({ task_proxies: { time: 6, added: [{ id: C, stamp: `${C}@6` }], checksum: generateChecksum([`${A}@7`, `${C}@6`]) } }));
    await waitFor('the resync', () => seen.changes.length === 3);
    assert.deepEqual(seen.resyncs, [{ type: 'task_proxies', reason: 'checksum mismatch' }]);
    assert.deepEqual(requests.commands(), ['pb_entire_workflow', 'pb_data_elements:task_proxies']);
    assert.deepEqual(seen.changes.slice(1), [
      { workflowId: W, reset: false, workflowUpdated: false, updated: { task_proxies: [C] }, pruned: {} },
      { workflowId: W, reset: false, workflowUpdated: false, updated: { task_proxies: [A] }, pruned: { task_proxies: [B] } },
    ]);
    assert.deepEqual([...connection.store.elements.task_proxies.keys()], [A, C]);
    assert.equal(connection.store.checksum('task_proxies'), generateChecksum([`${A}@7`, `${C}@6`]));
  });

  it('holds later deltas while a resync runs, so one resync answers every mismatch before its reply', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const {
      connection,
      deltas: sub,
      requests,
      seen,
    } = await setUp(async (command, args) => {
      if (command !== 'pb_data_elements') return defaultResponder(command, args);
      await gate;
      return elementsReply('task_proxies', { time: 12, added: [{ id: A, stamp: `${A}@12` }] });
    });
    await connection.connect();
    sub.push(deltas({ task_proxies: { time: 10, updated: [{ id: A, stamp: `${A}@10` }], checksum: 1 } }));
    await waitFor('the first resync request', () => requests.commands().length === 2);
    sub.push(
      deltas({
        task_proxies: { time: 11, updated: [{ id: A, stamp: `${A}@11` }], checksum: 2 },
        workflow: { updated: { id: W, status: 'paused' } },
      }),
    );
    await sleep(20);
    release();
    await waitFor('the held delta', () => seen.changes.some((c) => c.workflowUpdated && !c.reset));
    await sleep(20);
    // The held delta is older than the fetched state: skipped as stale, not resynced again.
    assert.deepEqual(requests.commands(), ['pb_entire_workflow', 'pb_data_elements:task_proxies']);
    assert.equal(seen.resyncs.length, 1);
    assert.equal(connection.store.elements.task_proxies.get(A)?.stamp, `${A}@12`);
    assert.equal(connection.store.workflow?.status, 'paused');
  });

  it('fetches the entire workflow again when resyncing keeps failing', async () => {
    let snapshots = 0;
    const {
      connection,
      deltas: sub,
      requests,
      seen,
    } = await setUp(
      (command, args) => {
        if (command === 'pb_data_elements') return errorReply('boom');
        if (command === 'pb_entire_workflow' && ++snapshots > 1)
          return entireReply({ ...ENTIRE, task_proxies: [{ id: C, stamp: `${C}@9` }] });
        return defaultResponder(command, args);
      },
      { resyncAttempts: 2 },
    );
    await connection.connect();
    sub.push(deltas({ jobs: { time: 3, added: [{ id: `${A}/01`, stamp: 'j@3' }], checksum: 5 } }));
    await waitFor('the reload', () => seen.changes.filter((c) => c.reset).length === 2);
    assert.deepEqual(requests.commands(), ['pb_entire_workflow', 'pb_data_elements:jobs', 'pb_data_elements:jobs', 'pb_entire_workflow']);
    assert.equal(seen.resyncs.length, 2);
    assert.deepEqual(seen.resyncs[0], { type: 'jobs', reason: 'checksum mismatch' });
    assert.equal(seen.resyncs[1]?.type, 'all');
    assert.match(seen.resyncs[1]?.reason ?? '', /^resync of jobs failed 2 times \(boom\)$/);
    assert.deepEqual([...connection.store.elements.task_proxies.keys()], [C]);
    assert.equal(connection.store.elements.jobs.size, 0);
    assert.equal(connection.state, 'live');
  });

  it('fetches the entire workflow again after an undecodable message', async () => {
    const { connection, deltas: sub, requests, seen } = await setUp();
    await connection.connect();
    sub.push({ kind: 'invalid', topic: 'all', error: 'index out of range' });
    await waitFor('the reload', () => seen.changes.length === 2);
    assert.deepEqual(seen.changes, [resetChange(W), resetChange(W)]);
    assert.deepEqual(seen.resyncs, [{ type: 'all', reason: 'undecodable message on topic "all": index out of range' }]);
    assert.deepEqual(requests.commands(), ['pb_entire_workflow', 'pb_entire_workflow']);
  });

  it('ends on the shutdown topic, closing both sockets', async () => {
    const { connection, deltas: sub, requests, seen } = await setUp();
    await connection.connect();
    assert.deepEqual(await connection.graphql('{ workflows { id } }', {}, 'jacintar'), { workflows: [{ id: W }] });
    assert.equal(requests.received.at(-1)?.authUser, 'jacintar');
    sub.push({ kind: 'shutdown', reason: 'REQUEST(NOW)' });
    await waitFor('the end', () => seen.ended.length === 1);
    assert.deepEqual(seen.ended, [{ cause: 'shutdown', reason: 'scheduler shut down: REQUEST(NOW)' }]);
    assert.deepEqual(connection.ended, seen.ended[0]);
    assert.equal(connection.state, 'ended');
    assert.equal(sub.closed, true);
    assert.equal(requests.closed, true);
    await assert.rejects(connection.graphql('{ workflows { id } }', {}, 'jacintar'), WorkflowNotRunningError);
    await connection.close();
    assert.equal(seen.ended.length, 1, 'ends once');
  });

  it('ends when the subscription ends', async () => {
    const { connection, deltas: sub, seen } = await setUp();
    await connection.connect();
    sub.close();
    await waitFor('the end', () => seen.ended.length === 1);
    assert.deepEqual(seen.ended, [{ cause: 'failed', reason: 'the subscription ended' }]);
  });

  it('fails to connect, ended, when the snapshot cannot be fetched', async () => {
    const { connection, deltas: sub, requests, seen } = await setUp(() => errorReply('nope'));
    await assert.rejects(connection.connect(), (err: unknown) => err instanceof SchedulerError && err.message === 'nope');
    assert.equal(connection.state, 'ended');
    assert.deepEqual(seen.ended, [{ cause: 'failed', reason: 'cannot load the workflow: nope' }]);
    assert.deepEqual(seen.changes, []);
    assert.equal(sub.closed && requests.closed, true);
  });

  describe('liveness', () => {
    it('ends when the contact file is removed', async () => {
      const { connection, runDir, seen } = await setUp(defaultResponder, { livenessIntervalMs: 20 });
      await connection.connect();
      await sleep(60);
      assert.equal(connection.state, 'live');
      await rm(join(runDir, '.service', 'contact'));
      await waitFor('the end', () => seen.ended.length === 1);
      assert.deepEqual(seen.ended, [{ cause: 'gone', reason: 'contact file removed: the scheduler has stopped' }]);
    });

    it('ends when the contact file names another scheduler (a restart)', async () => {
      const { connection, runDir, seen } = await setUp(defaultResponder, { livenessIntervalMs: 20 });
      await connection.connect();
      // A restart keeps the UUID (Cylc stores it in the run database); the pid and ports are new.
      await writeContact(runDir, { uuid: 'u1', pid: process.ppid, port: 3, publishPort: 4 });
      await waitFor('the end', () => seen.ended.length === 1);
      assert.deepEqual(seen.ended, [{ cause: 'gone', reason: `another scheduler is running (u1 pid ${process.ppid} ports 3/4)` }]);
    });

    it('ends when the scheduler process on this host is gone, but cannot tell for another host', async () => {
      const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
      const local = await setUp(defaultResponder, { livenessIntervalMs: 20 }, { pid: deadPid });
      await local.connection.connect();
      await waitFor('the end', () => local.seen.ended.length === 1);
      assert.deepEqual(local.seen.ended, [{ cause: 'gone', reason: `scheduler process ${deadPid} is gone` }]);

      const remote = await setUp(defaultResponder, { livenessIntervalMs: 20 }, { pid: deadPid, host: '192.0.2.1' });
      await remote.connection.connect();
      await sleep(100);
      assert.equal(remote.connection.state, 'live');
    });
  });
});
