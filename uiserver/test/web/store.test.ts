import assert from 'node:assert/strict';
import { DeltaStore } from '../../web/src/model/store';
import type { DeltasMessage } from '../../web/src/model/types';

const W = '~alice/clouds/run1';
const T1 = `${W}//1/model`;
const T2 = `${W}//1/post`;
const J1 = `${T1}/01`;
const J2 = `${T1}/02`;

function reset(extra: Partial<DeltasMessage> = {}): DeltasMessage {
  return {
    id: W,
    reset: true,
    added: {
      workflow: { id: W, status: 'running', stateTotals: { running: 1, waiting: 1 } },
      taskProxies: [
        { id: T1, name: 'model', cyclePoint: '1', state: 'running', isHeld: false },
        { id: T2, name: 'post', cyclePoint: '1', state: 'waiting', isHeld: false },
      ],
      jobs: [{ id: J1, submitNum: 1, state: 'running' }],
    },
    ...extra,
  };
}

describe('DeltaStore', () => {
  it('loads a reset and indexes jobs by task', () => {
    const store = new DeltaStore();
    const change = store.apply(reset());
    assert.deepEqual(change, { workflowId: W, reset: true, removed: false });
    const data = store.workflows.get(W);
    assert.equal(data?.workflow?.status, 'running');
    assert.equal(data?.tasks.size, 2);
    assert.deepEqual(
      store.jobsOf(T1).map((j) => j.id),
      [J1],
    );
    assert.equal(store.task(T2)?.state, 'waiting');
  });

  it('applies updates as whole elements and keeps fields a diff leaves out', () => {
    const store = new DeltaStore();
    store.apply(reset());
    const before = store.task(T2);
    store.apply({ id: W, updated: { taskProxies: [{ id: T1, state: 'succeeded', isHeld: null }] } });
    assert.equal(store.task(T1)?.state, 'succeeded');
    assert.equal(store.task(T1)?.name, 'model', 'name kept');
    assert.equal(store.task(T1)?.isHeld, false, 'null does not wipe a known value');
    assert.equal(store.task(T2), before, 'untouched elements keep their identity');
  });

  it('adds jobs and lists them newest first', () => {
    const store = new DeltaStore();
    store.apply(reset());
    store.apply({ id: W, added: { jobs: [{ id: J2, submitNum: 2, state: 'submitted' }] } });
    assert.deepEqual(
      store.jobsOf(T1).map((j) => j.submitNum),
      [2, 1],
    );
  });

  it('prunes tasks together with their jobs, and jobs alone', () => {
    const store = new DeltaStore();
    store.apply(reset());
    store.apply({ id: W, added: { jobs: [{ id: J2, submitNum: 2 }] } });
    store.apply({ id: W, pruned: { jobs: [J2] } });
    assert.deepEqual(
      store.jobsOf(T1).map((j) => j.id),
      [J1],
    );
    store.apply({ id: W, pruned: { taskProxies: [T1] } });
    assert.equal(store.task(T1), undefined);
    assert.equal(store.workflows.get(W)?.jobs.size, 0);
    assert.equal(store.workflows.get(W)?.jobsByTask.size, 0);
  });

  it('applies pruned before added, so a task re-spawned within one burst survives', () => {
    const store = new DeltaStore();
    store.apply(reset());
    store.apply({
      id: W,
      pruned: { taskProxies: [T2] },
      added: { taskProxies: [{ id: T2, state: 'waiting', cyclePoint: '1', name: 'post' }] },
    });
    assert.equal(store.task(T2)?.state, 'waiting');
  });

  it('forgets everything on reset (restart, stop with history)', () => {
    const store = new DeltaStore();
    store.apply(reset());
    store.apply({
      id: W,
      reset: true,
      added: { workflow: { id: W, status: 'stopped' }, taskProxies: [{ id: T2, state: 'succeeded' }] },
    });
    const data = store.workflows.get(W);
    assert.equal(data?.workflow?.status, 'stopped');
    assert.deepEqual([...(data?.tasks.keys() ?? [])], [T2]);
    assert.equal(data?.jobs.size, 0);
  });

  it('records shutdown and removes a workflow that is gone', () => {
    const store = new DeltaStore();
    store.apply(reset());
    store.apply({ id: W, shutdown: true });
    assert.equal(store.workflows.get(W)?.shutdown, true);
    const change = store.apply({ id: W, pruned: { workflow: W } });
    assert.equal(change?.removed, true);
    assert.equal(store.workflows.has(W), false);
  });

  it('changes the version on every message, also across resets', () => {
    const store = new DeltaStore();
    store.apply(reset());
    const seen = new Set([store.workflows.get(W)?.version]);
    store.apply({ id: W, updated: {} });
    seen.add(store.workflows.get(W)?.version);
    store.apply(reset());
    seen.add(store.workflows.get(W)?.version);
    assert.equal(seen.size, 3);
  });

  it('takes the workflow ID from the element when the message has none', () => {
    const store = new DeltaStore();
    store.apply({ id: '', added: { workflow: { id: W, status: 'paused' } } });
    assert.equal(store.workflows.get(W)?.workflow?.status, 'paused');
    assert.equal(store.apply({ id: '' }), undefined);
  });

  it('sweeps workflows that no reset confirmed after a resync', () => {
    const store = new DeltaStore();
    store.apply(reset());
    store.apply({ id: '~alice/winds', reset: true, added: { workflow: { id: '~alice/winds', status: 'running' } } });
    store.beginResync();
    store.apply(reset());
    assert.deepEqual(store.sweepUnconfirmed(), ['~alice/winds']);
    assert.deepEqual([...store.workflows.keys()], [W]);
  });

  it('ignores malformed elements without an id', () => {
    const store = new DeltaStore();
    store.apply(reset());
    const bad = { id: W, updated: { taskProxies: [null, { id: '' }] } } as unknown as DeltasMessage;
    store.apply(bad);
    assert.equal(store.workflows.get(W)?.tasks.size, 2);
  });
});
