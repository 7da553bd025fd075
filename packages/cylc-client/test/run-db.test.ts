import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RunDb, RunDbError, withRunDb } from '../src';
import { useTmpDir } from './tmpdir';

/** The tables as cylc-flow 8.0.2's rundb.py creates them (columns without a type are TEXT there too). */
const SCHEMA = `
CREATE TABLE task_jobs(cycle TEXT, name TEXT, submit_num INTEGER, is_manual_submit INTEGER, try_num INTEGER,
  time_submit TEXT, time_submit_exit TEXT, submit_status INTEGER, time_run TEXT, time_run_exit TEXT,
  run_signal TEXT, run_status INTEGER, platform_name TEXT, job_runner_name TEXT, job_id TEXT,
  PRIMARY KEY(cycle, name, submit_num));
CREATE TABLE task_states(name TEXT, cycle TEXT, flow_nums TEXT, time_created TEXT, time_updated TEXT,
  submit_num INTEGER, status TEXT, flow_wait INTEGER, PRIMARY KEY(name, cycle, flow_nums));
CREATE TABLE workflow_params(key TEXT, value TEXT, PRIMARY KEY(key));
`;

function job(cycle: string, name: string, submitNum: number, timeSubmit: string, runStatus: number | null): unknown[] {
  return [
    cycle,
    name,
    submitNum,
    0,
    submitNum,
    timeSubmit,
    timeSubmit,
    0,
    timeSubmit,
    runStatus === null ? null : timeSubmit,
    null,
    runStatus,
    'localhost',
    'background',
    String(1000 + submitNum),
  ];
}

async function makeRun(runDir: string, extra = ''): Promise<void> {
  await mkdir(join(runDir, 'log'), { recursive: true });
  const db = new Database(join(runDir, 'log', 'db'));
  try {
    db.exec(SCHEMA + extra);
    const insert = db.prepare('INSERT INTO task_jobs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
    insert.run(job('1', 'climb', 1, '2024-01-01T00:00:01Z', 1));
    insert.run(job('1', 'climb', 2, '2024-01-01T00:00:05Z', 0));
    insert.run(job('2', 'climb', 1, '2024-01-01T00:00:09Z', null));
    insert.run(job('1', 'fall', 1, '2024-01-01T00:00:07Z', 0));
    const state = db.prepare('INSERT INTO task_states VALUES (?,?,?,?,?,?,?,?)');
    state.run('climb', '1', '[1]', '2024-01-01T00:00:00Z', '2024-01-01T00:00:06Z', 2, 'succeeded', 0);
    state.run('climb', '2', '[1]', '2024-01-01T00:00:08Z', '2024-01-01T00:00:10Z', 1, 'running', 0);
    db.prepare('INSERT INTO workflow_params VALUES (?,?)').run('uuid_str', 'abc');
    db.prepare('INSERT INTO workflow_params VALUES (?,?)').run('is_paused', null);
  } finally {
    db.close();
  }
}

describe('RunDb (log/db)', () => {
  const tmp = useTmpDir();

  it('lists task jobs newest first, filtered and limited', async () => {
    await makeRun(tmp());
    withRunDb(tmp(), (db) => {
      const all = db.taskJobs();
      assert.deepEqual(
        all.map((j) => `${j.cycle}/${j.name}/${j.submit_num}`),
        ['2/climb/1', '1/fall/1', '1/climb/2', '1/climb/1'],
      );
      assert.deepEqual(all[0], {
        cycle: '2',
        name: 'climb',
        submit_num: 1,
        try_num: 1,
        time_submit: '2024-01-01T00:00:09Z',
        time_run: '2024-01-01T00:00:09Z',
        time_run_exit: null,
        submit_status: 0,
        run_status: null,
        platform_name: 'localhost',
        job_runner_name: 'background',
        job_id: '1001',
      });
      assert.deepEqual(
        db.taskJobs({ cycle: '1', name: 'climb' }).map((j) => j.submit_num),
        [2, 1],
      );
      assert.deepEqual(
        db.taskJobs({ name: 'climb', limit: 1 }).map((j) => j.cycle),
        ['2'],
      );
      assert.throws(() => db.taskJobs({ limit: 0 }), RangeError);
      assert.throws(() => db.taskJobs({ limit: 1.5 }), RangeError);
    });
  });

  it('reads task states and workflow params', async () => {
    await makeRun(tmp());
    withRunDb(tmp(), (db) => {
      assert.deepEqual(
        db.taskStates().map((s) => [s.cycle, s.name, s.status, s.flow_nums]),
        [
          ['2', 'climb', 'running', '[1]'],
          ['1', 'climb', 'succeeded', '[1]'],
        ],
      );
      assert.deepEqual(db.taskStates({ cycle: '1' }).length, 1);
      assert.deepEqual(db.workflowParams(), { uuid_str: 'abc', is_paused: null });
    });
  });

  it('never writes: opened read-only, and a missing database is not created', async () => {
    await makeRun(tmp());
    const file = join(tmp(), 'log', 'db');
    const before = await readFile(file);
    const db = new RunDb(tmp());
    db.taskJobs();
    db.close();
    assert.deepEqual(await readFile(file), before);
    const missing = join(tmp(), 'other');
    assert.throws(
      () => new RunDb(missing),
      (err: unknown) => err instanceof RunDbError && err.code === 'RUN_DB_INVALID',
    );
    await assert.rejects(stat(join(missing, 'log', 'db')), { code: 'ENOENT' });
  });

  it('rejects rows of the wrong shape, naming table and column', async () => {
    await makeRun(tmp(), "INSERT INTO task_jobs(cycle, name, submit_num) VALUES ('3', 'climb', 'one');");
    withRunDb(tmp(), (db) => {
      assert.throws(
        () => db.taskJobs(),
        (err: unknown) => err instanceof RunDbError && /task_jobs\.submit_num/.test(err.message),
      );
    });
  });

  it('reports a database without the Cylc tables', async () => {
    await mkdir(join(tmp(), 'log'));
    new Database(join(tmp(), 'log', 'db')).close();
    withRunDb(tmp(), (db) => {
      assert.throws(
        () => db.taskJobs(),
        (err: unknown) => err instanceof RunDbError && /no such table/.test(err.message),
      );
    });
  });
});
