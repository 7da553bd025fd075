import assert from 'node:assert/strict';
import { WorkflowStore, decodeAllDeltas, encodeDataMessage, generateChecksum } from '../src';

const W = '~u/w/run1';
const A1 = `${W}//1/a`;

function loaded(): WorkflowStore {
  const store = new WorkflowStore();
  store.loadEntire({
    workflow: { id: W, status: 'running', states: ['waiting'] },
    task_proxies: [
      {
        id: A1,
        state: 'waiting',
        is_held: true,
        jobs: ['j1'],
        prerequisites: [{ expression: 'c0' }],
        outputs: { submitted: { satisfied: false } },
      },
      { id: `${W}//0/a`, state: 'succeeded' },
    ],
  });
  return store;
}

describe('WorkflowStore (added / updated / pruned)', () => {
  it('loads pb_entire_workflow', () => {
    const store = loaded();
    assert.equal(store.workflow?.status, 'running');
    assert.deepEqual([...store.elements.task_proxies.keys()], [A1, `${W}//0/a`]);
    assert.equal(store.elements.jobs.size, 0);
  });

  it('merges updates as Cylc does: scalars overwrite, lists append, maps by key, listed fields replace', () => {
    const store = loaded();
    // Through the wire, so field presence is what the decoder gives.
    store.apply(
      decodeAllDeltas(
        encodeDataMessage('AllDeltas', {
          task_proxies: {
            updated: [
              {
                id: A1,
                state: 'running',
                is_held: false,
                jobs: ['j2'],
                prerequisites: [{ expression: 'c1' }],
                outputs: { started: { satisfied: true } },
              },
            ],
          },
          workflow: { updated: { id: W, states: ['running'] } },
        }),
      ),
    );
    assert.deepEqual(store.elements.task_proxies.get(A1), {
      id: A1,
      state: 'running',
      is_held: false,
      jobs: ['j1', 'j2'],
      prerequisites: [{ expression: 'c1' }],
      outputs: { submitted: { satisfied: false }, started: { satisfied: true } },
    });
    assert.deepEqual(store.workflow, { id: W, status: 'running', states: ['running'] });
  });

  it('adds, prunes, ignores updates of unknown elements, and reloads', () => {
    const store = loaded();
    store.apply({
      task_proxies: {
        added: [{ id: `${W}//2/a`, state: 'waiting' }],
        pruned: [`${W}//0/a`],
        updated: [{ id: `${W}//9/x`, state: 'running' }],
      },
    });
    assert.deepEqual([...store.elements.task_proxies.keys()], [A1, `${W}//2/a`]);
    store.apply({ jobs: { added: [{ id: 'j1', state: 'running' }] } });
    store.apply({ jobs: { reloaded: true, added: [{ id: 'j2', state: 'submitted' }] } });
    assert.deepEqual([...store.elements.jobs.keys()], ['j2']);
  });

  it('marks the workflow pruned and replaces it when added', () => {
    const store = loaded();
    store.apply({ workflow: { pruned: W } });
    assert.equal(store.workflowPruned, true);
    store.apply({ workflow: { added: { id: W, status: 'paused' } } });
    assert.deepEqual(store.workflow, { id: W, status: 'paused' });
  });
});

describe('WorkflowStore (checksums)', () => {
  const B1 = `${W}//1/b`;

  it('reports no mismatch when the checksum is of the stamps held after the delta', () => {
    const store = loaded();
    const result = store.apply(
      decodeAllDeltas(
        encodeDataMessage('AllDeltas', {
          task_proxies: {
            time: 10,
            added: [{ id: B1, stamp: `${B1}@10` }],
            updated: [{ id: A1, stamp: `${A1}@10`, state: 'running' }],
            pruned: [`${W}//0/a`],
            checksum: generateChecksum([`${A1}@10`, `${B1}@10`]),
          },
          edges: { time: 10, added: [{ id: 'e1' }], checksum: generateChecksum(['e1']) },
        }),
      ),
    );
    assert.deepEqual(result, { mismatched: [], stale: [] });
  });

  it('reports a type whose checksum does not match, and replaceType resyncs it', () => {
    const store = loaded();
    const good = generateChecksum(['', `${B1}@10`]); // A1 has no stamp: ''
    const result = store.apply({
      task_proxies: { time: 10, added: [{ id: B1, stamp: `${B1}@10` }], pruned: [`${W}//0/a`], checksum: good + 1 },
      jobs: { time: 10, added: [{ id: 'j1', stamp: 'j1@10' }], checksum: generateChecksum(['j1@10']) },
    });
    assert.deepEqual(result, { mismatched: ['task_proxies'], stale: [] });
    store.replaceType('task_proxies', [{ id: B1, stamp: `${B1}@11` }], 11);
    assert.deepEqual([...store.elements.task_proxies.keys()], [B1]);
    assert.equal(store.checksum('task_proxies'), generateChecksum([`${B1}@11`]));
  });

  it('skips deltas older than the last applied or fetched, but not after a reload', () => {
    const store = loaded();
    store.replaceType('jobs', [{ id: 'j1', stamp: 'j1@11' }], 11);
    const stale = store.apply({ jobs: { time: 10, pruned: ['j1'], checksum: generateChecksum([]) } });
    assert.deepEqual(stale, { mismatched: [], stale: ['jobs'] });
    assert.equal(store.elements.jobs.size, 1);
    // Reloaded deltas start afresh and, as in Cylc's UI server, are not verified.
    const reloaded = store.apply({ jobs: { time: 5, reloaded: true, added: [{ id: 'j2' }], checksum: 0 } });
    assert.deepEqual(reloaded, { mismatched: [], stale: [] });
    assert.deepEqual([...store.elements.jobs.keys()], ['j2']);
  });
});
