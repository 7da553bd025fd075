import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RunDb, RunDbError, withRunDb } from '../src';
import { makeRunDb } from './run-db-fixture';
import { useTmpDir } from './tmpdir';

describe('RunDb (log/db)', () => {
  const tmp = useTmpDir();

  it('lists task jobs newest first, filtered and limited', async () => {
    await makeRunDb(tmp());
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
    await makeRunDb(tmp());
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

  it('reads task events and broadcast events, newest first', async () => {
    await makeRunDb(tmp());
    withRunDb(tmp(), (db) => {
      assert.deepEqual(
        db.taskEvents().map((e) => [e.cycle, e.name, e.submit_num, e.event, e.message]),
        [
          ['2', 'climb', 1, 'started', null],
          ['1', 'climb', 2, 'succeeded', ''],
          ['1', 'climb', 1, 'failed', 'exit 1'],
        ],
      );
      assert.deepEqual(
        db.taskEvents({ cycle: '1', limit: 1 }).map((e) => e.event),
        ['succeeded'],
      );
      assert.deepEqual(db.broadcastEvents(), [
        { time: '2024-01-01T00:00:03Z', change: '+', point: '*', namespace: 'root', key: '[environment]NAP', value: '1' },
      ]);
    });
  });

  it('never writes: opened read-only, and a missing database is not created', async () => {
    await makeRunDb(tmp());
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
    await makeRunDb(tmp(), "INSERT INTO task_jobs(cycle, name, submit_num) VALUES ('3', 'climb', 'one');");
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
