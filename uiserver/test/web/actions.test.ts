import assert from 'node:assert/strict';
import {
  effectSeen,
  interpretResponse,
  taskAction,
  workflowAction,
  workflowActionsFor,
  type Observation,
} from '../../web/src/model/actions';
import { MUTATIONS } from '../../web/src/model/documents';
import type { TaskNode } from '../../web/src/model/types';

const W = '~alice/clouds/run1';
const T = `${W}//1/model`;

function observe(task: TaskNode | undefined, extra: Partial<Observation> = {}): Observation {
  return { known: true, workflow: { id: W, status: 'running' }, task, tasks: task ? [task] : [], jobCount: 0, ...extra };
}

const waiting: TaskNode = { id: T, name: 'model', cyclePoint: '1', state: 'waiting', isHeld: false };

describe('actions', () => {
  it('builds a task mutation with relative task IDs and says what will happen', () => {
    const req = taskAction('hold', T, W, observe(waiting));
    assert.equal(req.query, MUTATIONS.hold);
    assert.deepEqual(req.variables, { workflows: [W], tasks: ['1/model'] });
    assert.match(req.summary, /^Hold task 1\/model of workflow clouds\/run1: it will not submit a job/);
    assert.doesNotMatch(req.summary, /already held/);
    assert.match(taskAction('hold', T, W, observe({ ...waiting, isHeld: true })).summary, /already held/);
    assert.match(taskAction('release', T, W, observe(waiting)).summary, /not held, so nothing will change/);
  });

  it('sends the outputs to set, succeeded by default', () => {
    assert.deepEqual(taskAction('setOutputs', T, W, observe(waiting)).variables, {
      workflows: [W],
      tasks: ['1/model'],
      outputs: ['succeeded'],
    });
    const req = taskAction('setOutputs', T, W, observe(waiting), ['file_ready', 'x']);
    assert.deepEqual(req.variables.outputs, ['file_ready', 'x']);
    assert.ok(req.details.includes('outputs: file_ready, x'));
  });

  it('holds and releases a whole workflow as tasks "*"', () => {
    const req = workflowAction('hold', W);
    assert.deepEqual(req.variables, { workflows: [W], tasks: ['*'] });
    assert.equal(req.query, MUTATIONS.hold);
  });

  it('builds a broadcast in Set mode with nested settings', () => {
    const req = workflowAction('broadcast', W, {
      namespaces: ['model'],
      cyclePoints: ['1'],
      settings: [{ environment: { FOO: 'bar' } }],
      lines: ['[environment]FOO=bar'],
    });
    assert.deepEqual(req.variables, {
      workflows: [W],
      cyclePoints: ['1'],
      namespaces: ['model'],
      settings: [{ environment: { FOO: 'bar' } }],
    });
    assert.match(req.summary, /^Broadcast to model at cycle point 1 of workflow clouds\/run1: \[environment\]FOO=bar\./);
    const everywhere = workflowAction('broadcast', W, {
      namespaces: [],
      cyclePoints: [],
      settings: [{ script: 'true' }],
      lines: ['script=true'],
    });
    assert.deepEqual(everywhere.variables.namespaces, ['root']);
    assert.deepEqual(everywhere.variables.cyclePoints, ['*']);
  });

  it('offers the workflow actions that fit its status', () => {
    assert.deepEqual(workflowActionsFor('stopped'), ['play']);
    assert.ok(workflowActionsFor('running').includes('pause'));
    assert.ok(!workflowActionsFor('running').includes('resume'));
    assert.ok(workflowActionsFor('paused').includes('resume'));
    assert.deepEqual(workflowActionsFor('stopping'), []);
    assert.deepEqual(workflowActionsFor(undefined), []);
  });

  describe('reading the answer', () => {
    const hold = taskAction('hold', T, W, observe(waiting));

    it('is sent when the scheduler queued the command', () => {
      const verdict = interpretResponse(hold, 200, { data: { hold: { result: [{ id: W, response: [true, 'Command queued'] }] } } });
      assert.deepEqual(verdict, { outcome: 'sent', message: 'Hold: sent (Command queued)' });
    });

    it('is an error with the scheduler text when it refused', () => {
      const verdict = interpretResponse(hold, 200, { data: { hold: { result: [{ response: [false, 'No matching workflow in []'] }] } } });
      assert.deepEqual(verdict, { outcome: 'error', message: 'No matching workflow in []' });
    });

    it('shows the 403 message', () => {
      const verdict = interpretResponse(hold, 403, { errors: [{ message: 'jacintar may not hold ~alice/clouds/run1' }] });
      assert.deepEqual(verdict, { outcome: 'error', message: 'jacintar may not hold ~alice/clouds/run1' });
      assert.equal(interpretResponse(hold, 403, {}).message, 'Not allowed (403).');
    });

    it('shows GraphQL errors and other HTTP failures', () => {
      assert.deepEqual(interpretResponse(hold, 200, { data: { hold: null }, errors: [{ message: 'workflow not running' }] }), {
        outcome: 'error',
        message: 'workflow not running',
      });
      assert.deepEqual(interpretResponse(hold, 502, 'Bad Gateway'), { outcome: 'error', message: 'Bad Gateway' });
      assert.deepEqual(interpretResponse(hold, 500, null), { outcome: 'error', message: 'The server answered 500.' });
    });

    it('is done for a broadcast the scheduler applied, an error for bad options', () => {
      const bc = workflowAction('broadcast', W, {
        namespaces: ['x'],
        cyclePoints: ['*'],
        settings: [{ script: 'true' }],
        lines: ['script=true'],
      });
      const ok = interpretResponse(bc, 200, {
        data: { broadcast: { result: [{ id: W, response: [[['*', 'x', { script: 'true' }]], {}] }] } },
      });
      assert.deepEqual(ok, { outcome: 'done', message: '1 setting(s) broadcast' });
      const bad = interpretResponse(bc, 200, { data: { broadcast: { result: [{ id: W, response: [[], { namespaces: ['x'] }] }] } } });
      assert.deepEqual(bad, { outcome: 'error', message: 'bad namespaces: x' });
    });

    it('does not take a non-GraphQL answer for success', () => {
      assert.equal(interpretResponse(hold, 200, '<!doctype html><title>Sign in</title>').outcome, 'error');
      assert.equal(interpretResponse(hold, 200, { data: {} }).outcome, 'error');
      assert.deepEqual(interpretResponse(hold, 401, { status: 401, code: 'unauthorized', message: 'sign in again' }), {
        outcome: 'error',
        message: 'sign in again',
      });
    });

    it('treats an answer of unknown shape as sent', () => {
      const play = workflowAction('play', W);
      assert.equal(interpretResponse(play, 200, { data: { play: { result: 'started' } } }).outcome, 'sent');
    });
  });

  describe('seeing the effect', () => {
    it('sees a task held and released', () => {
      const hold = taskAction('hold', T, W, observe(waiting));
      assert.equal(effectSeen(hold, observe(waiting)), undefined);
      assert.equal(effectSeen(hold, observe({ ...waiting, isHeld: true })), '1/model is held');
      const release = taskAction('release', T, W, observe({ ...waiting, isHeld: true }));
      assert.equal(effectSeen(release, observe(waiting)), '1/model is released');
    });

    it('sees a trigger change the task or submit a job', () => {
      const trigger = taskAction('trigger', T, W, observe(waiting));
      assert.equal(effectSeen(trigger, observe(waiting)), undefined);
      assert.equal(effectSeen(trigger, observe({ ...waiting, state: 'preparing' })), '1/model is preparing');
      assert.equal(effectSeen(trigger, observe(waiting, { jobCount: 1 })), '1/model submitted job 1');
    });

    it('sees a removed task go, and workflow status changes', () => {
      const remove = taskAction('remove', T, W, observe(waiting));
      assert.equal(effectSeen(remove, observe(waiting)), undefined);
      assert.equal(effectSeen(remove, observe(undefined)), '1/model is removed');
      const pause = workflowAction('pause', W);
      assert.equal(effectSeen(pause, observe(undefined)), undefined);
      assert.equal(effectSeen(pause, observe(undefined, { workflow: { id: W, status: 'paused' } })), 'workflow is paused');
    });

    it('sees all tasks held after a workflow hold', () => {
      const hold = workflowAction('hold', W);
      const tasks = [
        { ...waiting, isHeld: true },
        { id: `${W}//1/post`, isHeld: false },
      ];
      assert.equal(effectSeen(hold, observe(undefined, { tasks })), undefined);
      assert.equal(
        effectSeen(hold, observe(undefined, { tasks: tasks.map((t) => ({ ...t, isHeld: true })) })),
        'all 2 active tasks are held',
      );
    });

    it('judges nothing without data, and nothing for poll', () => {
      const hold = taskAction('hold', T, W, observe(waiting));
      assert.equal(effectSeen(hold, { ...observe({ ...waiting, isHeld: true }), known: false }), undefined);
      const poll = taskAction('poll', T, W, observe(waiting));
      assert.equal(effectSeen(poll, observe({ ...waiting, state: 'running' })), undefined);
    });
  });
});
