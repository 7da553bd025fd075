import assert from 'node:assert/strict';
import {
  InvalidReplyError,
  decodeAllDeltas,
  decodeElementDeltas,
  decodeEntireWorkflow,
  decodeWorkflowDeltas,
  encodeDataMessage,
} from '../src';

const W = '~u/w/run1';

describe('data messages (protobuf)', () => {
  it('decodes a PbEntireWorkflow with its elements', () => {
    const bytes = encodeDataMessage('PbEntireWorkflow', {
      workflow: { id: W, name: 'w/run1', status: 'running' },
      task_proxies: [{ id: `${W}//1/a`, name: 'a', cycle_point: '1', state: 'waiting', is_held: false }],
      jobs: [{ id: `${W}//1/a/01`, state: 'running', submit_num: 1 }],
    });
    const decoded = decodeEntireWorkflow(bytes);
    assert.deepEqual(decoded.workflow, { id: W, name: 'w/run1', status: 'running' });
    assert.deepEqual(decoded.task_proxies, [{ id: `${W}//1/a`, name: 'a', cycle_point: '1', state: 'waiting', is_held: false }]);
    assert.deepEqual(decoded.jobs, [{ id: `${W}//1/a/01`, state: 'running', submit_num: 1 }]);
    assert.equal(decoded.edges, undefined);
  });

  it('keeps field presence: an update carries only what changed, false included', () => {
    const bytes = encodeDataMessage('AllDeltas', {
      task_proxies: { time: 12.5, checksum: 3000000000, updated: [{ id: `${W}//1/a`, is_held: false }], pruned: [`${W}//0/a`] },
    });
    const deltas = decodeAllDeltas(bytes);
    assert.deepEqual(deltas, {
      task_proxies: { time: 12.5, checksum: 3000000000, updated: [{ id: `${W}//1/a`, is_held: false }], pruned: [`${W}//0/a`] },
    });
  });

  it('decodes map fields as objects keyed by name', () => {
    const bytes = encodeDataMessage('AllDeltas', {
      task_proxies: { added: [{ id: `${W}//1/a`, outputs: { succeeded: { label: 'succeeded', satisfied: true } } }] },
    });
    const added = decodeAllDeltas(bytes).task_proxies?.added?.[0];
    assert.deepEqual(added?.['outputs'], { succeeded: { label: 'succeeded', satisfied: true } });
  });

  it('decodes the per-type messages of pb_data_elements', () => {
    const tp = encodeDataMessage('TPDeltas', { time: 1, added: [{ id: `${W}//1/a` }] });
    assert.deepEqual(decodeElementDeltas('task_proxies', tp), { time: 1, added: [{ id: `${W}//1/a` }] });
    const wf = encodeDataMessage('WDeltas', { added: { id: W, status: 'paused' }, pruned: W });
    assert.deepEqual(decodeWorkflowDeltas(wf), { added: { id: W, status: 'paused' }, pruned: W });
    assert.throws(() => decodeElementDeltas('nope' as 'tasks', tp), TypeError);
  });

  it('an empty reply is an empty message', () => {
    assert.deepEqual(decodeEntireWorkflow(Buffer.alloc(0)), {});
  });

  it('rejects bytes that are not the message', () => {
    assert.throws(() => decodeAllDeltas(Buffer.from([0x0a, 0x05, 0x01])), InvalidReplyError);
  });

  it('refuses to encode values the schema does not allow', () => {
    assert.throws(() => encodeDataMessage('AllDeltas', { task_proxies: { time: 'soon' } }), TypeError);
  });
});
