import assert from 'node:assert/strict';
import { WorkflowStore, decodeAllDeltas, encodeDataMessage } from '../src';

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
