import assert from 'node:assert/strict';
import { compareCyclePoints, elapsed, groupByCycle } from '../../web/src/model/tree';
import { nonZeroTotals, taskStateOf, workflowStatusOf } from '../../web/src/model/states';

describe('task tree', () => {
  it('orders integer cycle points as numbers and ISO points as text', () => {
    assert.ok(compareCyclePoints('9', '10') < 0);
    assert.ok(compareCyclePoints('20240102T0000Z', '20240101T1800Z') > 0);
    assert.equal(compareCyclePoints('1', '1'), 0);
  });

  it('groups tasks by cycle point, newest first, names in natural order', () => {
    const W = '~alice/w';
    const groups = groupByCycle([
      { id: `${W}//1/b`, name: 'b', cyclePoint: '1' },
      { id: `${W}//10/a`, name: 'a', cyclePoint: '10' },
      { id: `${W}//2/member_10`, name: 'member_10', cyclePoint: '2' },
      { id: `${W}//2/member_2`, name: 'member_2', cyclePoint: '2' },
      { id: `${W}//1/a` },
    ]);
    assert.deepEqual(
      groups.map((g) => g.cyclePoint),
      ['10', '2', '1'],
    );
    assert.deepEqual(
      groups[1]?.tasks.map((t) => t.name),
      ['member_2', 'member_10'],
    );
    assert.deepEqual(
      groups[2]?.tasks.map((t) => t.id),
      [`${W}//1/a`, `${W}//1/b`],
      'name and cycle taken from the ID when missing',
    );
  });

  it('formats elapsed times', () => {
    assert.equal(elapsed('2024-01-01T00:00:00Z', '2024-01-01T00:03:07Z'), '3m 07s');
    assert.equal(elapsed('2024-01-01T00:00:00Z', '2024-01-01T02:00:05Z'), '2h 00m 05s');
    assert.equal(elapsed('2024-01-01T00:00:00Z', '2024-01-01T00:00:09Z'), '9s');
    assert.equal(elapsed('2024-01-01T00:00:00Z', null), undefined);
    assert.equal(elapsed('later', 'never'), undefined);
  });

  it('lists non-zero state totals in state order and names unknown states', () => {
    assert.deepEqual(nonZeroTotals({ failed: 2, waiting: 3, running: 0, bogus: 4 }), [
      { state: 'waiting', count: 3 },
      { state: 'failed', count: 2 },
    ]);
    assert.deepEqual(nonZeroTotals(null), []);
    assert.equal(taskStateOf('submit-failed'), 'submit-failed');
    assert.equal(taskStateOf('teleported'), 'unknown');
    assert.equal(workflowStatusOf('paused'), 'paused');
    assert.equal(workflowStatusOf(undefined), 'unknown');
  });
});
