import assert from 'node:assert/strict';
import {
  normaliseWorkflowId,
  parseTaskId,
  relativeTaskId,
  submitNumOfJob,
  taskIdOfJob,
  workflowIdOf,
  workflowName,
} from '../../web/src/model/ids';

describe('Cylc IDs', () => {
  it('splits task IDs', () => {
    assert.deepEqual(parseTaskId('~alice/clouds/run1//20240101T00Z/model'), {
      workflowId: '~alice/clouds/run1',
      cycle: '20240101T00Z',
      task: 'model',
    });
    assert.equal(parseTaskId('~alice/clouds'), undefined);
    assert.equal(parseTaskId('~alice/clouds//1'), undefined);
  });

  it('gives the relative ID Cylc mutations take', () => {
    assert.equal(relativeTaskId('~alice/clouds/run1//1/model'), '1/model');
    assert.equal(relativeTaskId('nonsense'), undefined);
  });

  it('finds the task and submit number of a job', () => {
    assert.equal(taskIdOfJob('~alice/clouds/run1//1/model/02'), '~alice/clouds/run1//1/model');
    assert.equal(submitNumOfJob('~alice/clouds/run1//1/model/02'), 2);
    assert.equal(taskIdOfJob('~alice/clouds/run1//1/model'), undefined);
    assert.equal(submitNumOfJob('~alice/clouds/run1//1/model'), undefined);
  });

  it('names workflows without the owner, and completes hand-typed ones', () => {
    assert.equal(workflowIdOf('~alice/clouds/run1//1/model'), '~alice/clouds/run1');
    assert.equal(workflowIdOf('~alice/clouds/run1'), '~alice/clouds/run1');
    assert.equal(workflowName('~alice/clouds/run1'), 'clouds/run1');
    assert.equal(normaliseWorkflowId('clouds/run1', 'alice'), '~alice/clouds/run1');
    assert.equal(normaliseWorkflowId('~bob/x', 'alice'), '~bob/x');
  });
});
