/** Run databases for tests, with the tables and columns cylc-flow 8.0.2's rundb.py creates. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Columns without a type are TEXT in rundb.py too. */
export const RUN_DB_SCHEMA = `
CREATE TABLE task_jobs(cycle TEXT, name TEXT, submit_num INTEGER, is_manual_submit INTEGER, try_num INTEGER,
  time_submit TEXT, time_submit_exit TEXT, submit_status INTEGER, time_run TEXT, time_run_exit TEXT,
  run_signal TEXT, run_status INTEGER, platform_name TEXT, job_runner_name TEXT, job_id TEXT,
  PRIMARY KEY(cycle, name, submit_num));
CREATE TABLE task_states(name TEXT, cycle TEXT, flow_nums TEXT, time_created TEXT, time_updated TEXT,
  submit_num INTEGER, status TEXT, flow_wait INTEGER, PRIMARY KEY(name, cycle, flow_nums));
CREATE TABLE task_events(name TEXT, cycle TEXT, time TEXT, submit_num INTEGER, event TEXT, message TEXT);
CREATE TABLE broadcast_events(time TEXT, change TEXT, point TEXT, namespace TEXT, key TEXT, value TEXT);
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

/**
 * `<runDir>/log/db` with: 1/climb failed then succeeded (submits 1, 2),
 * 2/climb running, 1/fall succeeded (no task_states row), some task events
 * and one broadcast; `extra` is more SQL run after.
 */
export async function makeRunDb(runDir: string, extra = ''): Promise<void> {
  await mkdir(join(runDir, 'log'), { recursive: true });
  const db = new Database(join(runDir, 'log', 'db'));
  try {
    db.exec(RUN_DB_SCHEMA + extra);
    const insert = db.prepare('INSERT INTO task_jobs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
    insert.run(job('1', 'climb', 1, '2024-01-01T00:00:01Z', 1));
    insert.run(job('1', 'climb', 2, '2024-01-01T00:00:05Z', 0));
    insert.run(job('2', 'climb', 1, '2024-01-01T00:00:09Z', null));
    insert.run(job('1', 'fall', 1, '2024-01-01T00:00:07Z', 0));
    const state = db.prepare('INSERT INTO task_states VALUES (?,?,?,?,?,?,?,?)');
    state.run('climb', '1', '[1]', '2024-01-01T00:00:00Z', '2024-01-01T00:00:06Z', 2, 'succeeded', 0);
    state.run('climb', '2', '[1]', '2024-01-01T00:00:08Z', '2024-01-01T00:00:10Z', 1, 'running', 0);
    const event = db.prepare('INSERT INTO task_events VALUES (?,?,?,?,?,?)');
    event.run('climb', '1', '2024-01-01T00:00:02Z', 1, 'failed', 'exit 1');
    event.run('climb', '1', '2024-01-01T00:00:06Z', 2, 'succeeded', '');
    event.run('climb', '2', '2024-01-01T00:00:09Z', 1, 'started', null);
    db.prepare('INSERT INTO broadcast_events VALUES (?,?,?,?,?,?)').run('2024-01-01T00:00:03Z', '+', '*', 'root', '[environment]NAP', '1');
    db.prepare('INSERT INTO workflow_params VALUES (?,?)').run('uuid_str', 'abc');
    db.prepare('INSERT INTO workflow_params VALUES (?,?)').run('is_paused', null);
  } finally {
    db.close();
  }
}
