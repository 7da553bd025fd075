import assert from 'node:assert/strict';
import { ForeignOwnerError, formatCylcId, InvalidCylcIdError, parseCylcId } from '../../src/logs/cylc-id';

describe('parseCylcId', () => {
  it('reads workflow, task and job IDs, with or without the owner', () => {
    assert.deepEqual(parseCylcId('~alice/clouds/run1', 'alice'), {
      kind: 'workflow',
      owner: 'alice',
      workflow: 'clouds/run1',
      workflowSegments: ['clouds', 'run1'],
    });
    assert.deepEqual(parseCylcId('clouds', 'alice'), {
      kind: 'workflow',
      owner: 'alice',
      workflow: 'clouds',
      workflowSegments: ['clouds'],
    });
    assert.deepEqual(parseCylcId('~alice/clouds/run1//1/climb', 'alice'), {
      kind: 'task',
      owner: 'alice',
      workflow: 'clouds/run1',
      workflowSegments: ['clouds', 'run1'],
      cycle: '1',
      task: 'climb',
    });
    const job = parseCylcId('a/b/c/run2//20260101T0000Z/fall_2/01', 'alice');
    assert.equal(job.kind, 'job');
    assert.equal(formatCylcId(job), '~alice/a/b/c/run2//20260101T0000Z/fall_2/01');
  });

  it('accepts the values Cylc produces', () => {
    for (const cycle of [
      '1',
      '-3',
      '20260101T0000Z',
      '20260101T00Z',
      '20260101T0000+0530',
      '20260101T0000-0330',
      '+020260101T0000Z',
      '2026-01-01',
    ]) {
      assert.equal(parseCylcId(`~alice/clouds/run1//${cycle}/climb`, 'alice').kind, 'task', cycle);
    }
    for (const task of ['climb', 'fall_2', 'a-b+c@d%e', '_x', '1st']) {
      assert.equal(parseCylcId(`clouds//1/${task}`, 'alice').kind, 'task', task);
    }
    for (const submit of ['01', '02', '100', 'NN']) {
      assert.equal(parseCylcId(`clouds//1/climb/${submit}`, 'alice').kind, 'job', submit);
    }
    for (const name of ['clouds/runN', 'my.flow/run1', 'a+b@c/x-1', '_private']) {
      assert.equal(parseCylcId(name, 'alice').kind, 'workflow', name);
    }
  });

  it('refuses IDs that could address anything but one entry of a run directory', () => {
    const bad = [
      '',
      '..',
      '.',
      'clouds/..',
      'clouds/../bob',
      'clouds/./run1',
      '/etc',
      'clouds/',
      'clouds//',
      'clouds///1/climb',
      '~alice/',
      '~/clouds',
      '~alice',
      'clouds/.service',
      'clouds/log',
      'clouds/run1/share',
      '-clouds',
      '9clouds',
      '%2e%2e',
      'clouds\0',
      'clo uds',
      'clouds//1',
      'clouds//1/climb/01/job.out',
      'clouds//../climb',
      'clouds//1/..',
      'clouds//1/climb/..',
      'clouds//1.5/climb',
      'clouds//1/cl.imb',
      'clouds//1/climb/1',
      'clouds//1/climb/nn',
      'clouds//1:running/climb',
      'clouds//1/climb:failed',
      'clouds//1/climb/01//x',
      'x'.repeat(255),
      'x/'.repeat(9) + 'x',
    ];
    for (const id of bad) assert.throws(() => parseCylcId(id, 'alice'), InvalidCylcIdError, JSON.stringify(id));
  });

  it('says another owner has no such workflow, naming the ID', () => {
    assert.throws(
      () => parseCylcId('~bob/clouds/run1//1/climb/01', 'alice'),
      (err: unknown) => err instanceof ForeignOwnerError && err.message === 'No workflow ~bob/clouds/run1//1/climb/01 on this server.',
    );
    // Another owner is not found however the rest is spelt.
    assert.throws(() => parseCylcId('~bob/../x', 'alice'), ForeignOwnerError);
  });
});
