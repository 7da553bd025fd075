import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WorkflowStore, jobState, submitNumText, withRunDb, type TaskJobRow } from '../src';
import { makeRunDb } from './run-db-fixture';
import { useTmpDir } from './tmpdir';

const W = '~alice/w/run1';

function row(fields: Partial<TaskJobRow>): TaskJobRow {
  return {
    cycle: '1',
    name: 'a',
    submit_num: 1,
    try_num: 1,
    time_submit: null,
    time_run: null,
    time_run_exit: null,
    submit_status: null,
    run_status: null,
    platform_name: null,
    job_runner_name: null,
    job_id: null,
    ...fields,
  };
}

describe('RunDb.snapshot (a stopped workflow from log/db)', () => {
  const tmp = useTmpDir();

  it('derives job states as the scheduler does on restart', () => {
    assert.equal(jobState(row({ run_status: 0, time_run: 't' })), 'succeeded');
    assert.equal(jobState(row({ run_status: 1 })), 'failed');
    assert.equal(jobState(row({ time_run: 't', submit_status: 0 })), 'running');
    assert.equal(jobState(row({ submit_status: 0 })), 'submitted');
    assert.equal(jobState(row({ submit_status: 1 })), 'submit-failed');
    assert.equal(jobState(row({})), undefined);
    assert.deepEqual([1, 9, 10, 123].map(submitNumText), ['01', '09', '10', '123']);
  });

  it('builds workflow, task proxies, jobs and tasks with Cylc IDs and protobuf field names', async () => {
    await makeRunDb(tmp());
    const whole = withRunDb(tmp(), (db) => db.snapshot({ owner: 'alice', name: 'w/run1' }));
    assert.deepEqual(whole.workflow, {
      id: W,
      stamp: `${W}@`,
      name: 'w/run1',
      owner: 'alice',
      status: 'stopped',
      status_msg: 'stopped',
      state_totals: { running: 1, succeeded: 1 },
      states: ['running', 'succeeded'],
      tasks: [`${W}//$namespace|climb`],
    });
    assert.deepEqual(whole.task_proxies?.[0], {
      id: `${W}//2/climb`,
      stamp: `${W}//2/climb@2024-01-01T00:00:10Z`,
      task: `${W}//$namespace|climb`,
      name: 'climb',
      cycle_point: '2',
      state: 'running',
      flow_nums: '[1]',
      job_submits: 1,
      is_held: false,
      is_queued: false,
      is_runahead: false,
      jobs: [`${W}//2/climb/01`],
    });
    assert.deepEqual(whole.task_proxies?.[1]?.jobs, [`${W}//1/climb/02`, `${W}//1/climb/01`]);
    // 1/fall has jobs but no task_states row: its jobs have no proxy to belong to.
    assert.deepEqual(
      whole.jobs?.map((j) => [j.id, j.state, j.submit_num]),
      [
        [`${W}//2/climb/01`, 'running', 1],
        [`${W}//1/climb/02`, 'succeeded', 2],
        [`${W}//1/climb/01`, 'failed', 1],
      ],
    );
    assert.deepEqual(whole.jobs?.[1], {
      id: `${W}//1/climb/02`,
      stamp: `${W}//1/climb/02@2024-01-01T00:00:05Z`,
      submit_num: 2,
      state: 'succeeded',
      task_proxy: `${W}//1/climb`,
      name: 'climb',
      cycle_point: '1',
      submitted_time: '2024-01-01T00:00:05Z',
      started_time: '2024-01-01T00:00:05Z',
      finished_time: '2024-01-01T00:00:05Z',
      job_id: '1002',
      job_runner_name: 'background',
      platform: 'localhost',
      job_log_dir: join(tmp(), 'log', 'job', '1', 'climb', '02'),
    });
    assert.deepEqual(whole.tasks, [
      { id: `${W}//$namespace|climb`, stamp: `${W}//$namespace|climb@`, name: 'climb', proxies: [`${W}//2/climb`, `${W}//1/climb`] },
    ]);
    // It loads as a store like a scheduler's snapshot does.
    const store = new WorkflowStore();
    store.loadEntire(whole);
    assert.equal(store.elements.task_proxies.size, 2);
    assert.equal(store.elements.jobs.size, 3);
  });

  it('keeps one proxy per task (the most recently updated flow) and honours the limits', async () => {
    await makeRunDb(
      tmp(),
      "INSERT INTO task_states VALUES ('climb', '1', '[2]', '2024-01-01T00:00:00Z', '2024-01-01T00:00:20Z', 3, 'failed', 0);",
    );
    withRunDb(tmp(), (db) => {
      const whole = db.snapshot({ owner: 'alice', name: 'w/run1' });
      assert.deepEqual(
        whole.task_proxies?.map((t) => [t.id, t.state, t['flow_nums']]),
        [
          [`${W}//1/climb`, 'failed', '[2]'],
          [`${W}//2/climb`, 'running', '[1]'],
        ],
      );
      const limited = db.snapshot({ owner: 'alice', name: 'w/run1' }, { taskProxies: 1, jobs: 1 });
      assert.deepEqual(
        limited.task_proxies?.map((t) => t.id),
        [`${W}//1/climb`],
      );
      // The newest job is 2/climb's, whose proxy is outside the limit.
      assert.deepEqual(limited.jobs, []);
    });
  });
});
