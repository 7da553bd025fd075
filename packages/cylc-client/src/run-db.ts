/**
 * Read-only access to a workflow run's SQLite database (`<run>/log/db`), for
 * what the scheduler no longer holds: stopped workflows and job history.
 * Opened `readonly` and `fileMustExist`, so a reader can never create or
 * change the database of a run, nor hold a write lock the scheduler waits on.
 */
import type Database from 'better-sqlite3';
import { betterSqlite3 } from './lazy-modules';
import { join } from 'node:path';
import { RunDbError } from './errors';
import type { EntireWorkflow } from './data-messages';
import {
  BROADCAST_EVENT_COLUMNS,
  TASK_EVENT_COLUMNS,
  TASK_JOB_COLUMNS,
  TASK_STATE_COLUMNS,
  validateRow,
  type BroadcastEventRow,
  type TaskEventRow,
  type TaskJobRow,
  type TaskStateRow,
} from './run-db-rows';
import { DEFAULT_SNAPSHOT_LIMITS, snapshotFromRows, type SnapshotLimits, type SnapshotWorkflow } from './run-db-snapshot';

export const RUN_DB_FILE = join('log', 'db');

/** Filters for history queries; results are newest first. */
export interface RunDbQuery {
  readonly cycle?: string;
  readonly name?: string;
  /** At most this many rows (a positive integer). */
  readonly limit?: number;
}

function where(query: RunDbQuery): { sql: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  if (query.cycle !== undefined) {
    clauses.push('cycle = @cycle');
    params['cycle'] = query.cycle;
  }
  if (query.name !== undefined) {
    clauses.push('name = @name');
    params['name'] = query.name;
  }
  return { sql: clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

function limitClause(limit: number | undefined): string {
  if (limit === undefined) return '';
  // Put into the SQL text, so it must be checked to be a plain integer.
  if (!(Number.isSafeInteger(limit) && limit > 0)) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return ` LIMIT ${limit}`;
}

export interface RunDbOptions {
  /**
   * How long a read waits for the scheduler's write lock before failing
   * (better-sqlite3's `timeout`, default 5000 ms). Reads are synchronous, so
   * this is also how long the event loop can be held up.
   */
  readonly busyTimeoutMs?: number;
}

export class RunDb {
  private readonly db: Database.Database;

  /** Opens `<runDir>/log/db`; throws RunDbError if it is missing or not a database. */
  constructor(
    readonly runDir: string,
    options: RunDbOptions = {},
  ) {
    this.file = join(runDir, RUN_DB_FILE);
    try {
      this.db = new (betterSqlite3())(this.file, {
        readonly: true,
        fileMustExist: true,
        ...(options.busyTimeoutMs === undefined ? {} : { timeout: options.busyTimeoutMs }),
      });
    } catch (err) {
      throw new RunDbError(this.file, err instanceof Error ? err.message : String(err));
    }
  }

  readonly file: string;

  /** Job submissions, newest submission first. */
  taskJobs(query: RunDbQuery = {}): TaskJobRow[] {
    const columns = Object.keys(TASK_JOB_COLUMNS).join(', ');
    // time_submit is ISO 8601 text, so text order is time order; rowid breaks ties (rows are written in submission order).
    return this.select('task_jobs', columns, query, 'time_submit DESC, rowid DESC').map((row) =>
      validateRow<TaskJobRow>(this.file, 'task_jobs', TASK_JOB_COLUMNS, row),
    );
  }

  /** Latest task states (one row per task and flow), most recently updated first. */
  taskStates(query: RunDbQuery = {}): TaskStateRow[] {
    const columns = Object.keys(TASK_STATE_COLUMNS).join(', ');
    return this.select('task_states', columns, query, 'time_updated DESC, rowid DESC').map((row) =>
      validateRow<TaskStateRow>(this.file, 'task_states', TASK_STATE_COLUMNS, row),
    );
  }

  /** Task and job events (submitted, started, succeeded, messages, …), newest first. */
  taskEvents(query: RunDbQuery = {}): TaskEventRow[] {
    const columns = Object.keys(TASK_EVENT_COLUMNS).join(', ');
    return this.select('task_events', columns, query, 'time DESC, rowid DESC').map((row) =>
      validateRow<TaskEventRow>(this.file, 'task_events', TASK_EVENT_COLUMNS, row),
    );
  }

  /** Broadcast settings and clearings, newest first (`cycle`/`name` filters do not apply here). */
  broadcastEvents(query: Pick<RunDbQuery, 'limit'> = {}): BroadcastEventRow[] {
    const columns = Object.keys(BROADCAST_EVENT_COLUMNS).join(', ');
    return this.select('broadcast_events', columns, { limit: query.limit }, 'time DESC, rowid DESC').map((row) =>
      validateRow<BroadcastEventRow>(this.file, 'broadcast_events', BROADCAST_EVENT_COLUMNS, row),
    );
  }

  /**
   * The run's last recorded state, shaped like a `pb_entire_workflow` reply
   * (workflow `status: "stopped"`), for a workflow whose scheduler is not
   * running. Only the most recently updated tasks and newest jobs are read
   * (`limits`), so an old long-running workflow stays cheap to show.
   */
  snapshot(workflow: SnapshotWorkflow, limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS): EntireWorkflow {
    return snapshotFromRows(workflow, this.runDir, {
      states: this.taskStates({ limit: limits.taskProxies }),
      jobs: this.taskJobs({ limit: limits.jobs }),
      params: this.workflowParams(),
    });
  }

  /** `workflow_params` as key → value (e.g. `uuid_str`, `cycle_point_format`, `is_paused`). */
  workflowParams(): Record<string, string | null> {
    const params: Record<string, string | null> = {};
    for (const row of this.all('SELECT key, value FROM workflow_params', {})) {
      const { key, value } = validateRow<{ key: string; value: string | null }>(
        this.file,
        'workflow_params',
        { key: 'text', value: 'text?' },
        row,
      );
      params[key] = value;
    }
    return params;
  }

  close(): void {
    this.db.close();
  }

  private select(table: string, columns: string, query: RunDbQuery, order: string): unknown[] {
    const filter = where(query);
    return this.all(`SELECT ${columns} FROM ${table}${filter.sql} ORDER BY ${order}${limitClause(query.limit)}`, filter.params);
  }

  private all(sql: string, params: Record<string, string>): unknown[] {
    try {
      return this.db.prepare(sql).all(params);
    } catch (err) {
      // A table or column missing: not a Cylc 8 run database (or a future schema).
      throw new RunDbError(this.file, err instanceof Error ? err.message : String(err));
    }
  }
}

/** Opens a run's database, runs `read` and closes it again. */
export function withRunDb<T>(runDir: string, read: (db: RunDb) => T, options: RunDbOptions = {}): T {
  const db = new RunDb(runDir, options);
  try {
    return read(db);
  } finally {
    db.close();
  }
}
