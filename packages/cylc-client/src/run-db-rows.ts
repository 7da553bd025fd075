/**
 * Row shapes of a run database (`<run>/log/db`, cylc-flow 8.0.2's
 * rundb.py) and their validation. SQLite columns are loosely typed and the
 * file is written by another program, so every row is checked where it is
 * read; a bad row is an error naming the file, table and column.
 */
import { RunDbError } from './errors';

/** One job submission of a task (`task_jobs`). Times are the ISO 8601 text Cylc writes. */
export interface TaskJobRow {
  readonly cycle: string;
  readonly name: string;
  readonly submit_num: number;
  readonly try_num: number | null;
  readonly time_submit: string | null;
  readonly time_run: string | null;
  readonly time_run_exit: string | null;
  /** 0: submitted, 1: submission failed, null: not yet known. */
  readonly submit_status: number | null;
  /** 0: succeeded, 1: failed, null: not finished. */
  readonly run_status: number | null;
  readonly platform_name: string | null;
  readonly job_runner_name: string | null;
  readonly job_id: string | null;
}

/** A task's state in one flow (`task_states`). */
export interface TaskStateRow {
  readonly cycle: string;
  readonly name: string;
  /** Cylc's JSON list of flow numbers, as text (e.g. `[1]`). */
  readonly flow_nums: string;
  readonly status: string;
  readonly submit_num: number | null;
  readonly time_created: string | null;
  readonly time_updated: string | null;
}

/** One event of a task's job (`task_events`): submitted, started, succeeded, a custom message, … */
export interface TaskEventRow {
  readonly cycle: string;
  readonly name: string;
  readonly time: string | null;
  readonly submit_num: number | null;
  readonly event: string;
  /** Free text ('' for most events). */
  readonly message: string | null;
}

/** One change of a broadcast setting (`broadcast_events`); `change` is `+` (set) or `-` (cleared). */
export interface BroadcastEventRow {
  readonly time: string | null;
  readonly change: string;
  readonly point: string | null;
  readonly namespace: string | null;
  readonly key: string | null;
  readonly value: string | null;
}

type Kind = 'text' | 'int';

export const TASK_JOB_COLUMNS = {
  cycle: 'text',
  name: 'text',
  submit_num: 'int',
  try_num: 'int?',
  time_submit: 'text?',
  time_run: 'text?',
  time_run_exit: 'text?',
  submit_status: 'int?',
  run_status: 'int?',
  platform_name: 'text?',
  job_runner_name: 'text?',
  job_id: 'text?',
} as const satisfies Record<keyof TaskJobRow, Kind | `${Kind}?`>;

export const TASK_STATE_COLUMNS = {
  cycle: 'text',
  name: 'text',
  flow_nums: 'text',
  status: 'text',
  submit_num: 'int?',
  time_created: 'text?',
  time_updated: 'text?',
} as const satisfies Record<keyof TaskStateRow, Kind | `${Kind}?`>;

function fits(value: unknown, spec: string): boolean {
  if (value === null) return spec.endsWith('?');
  // Cycle points are text but an integer-cycling point could have been
  // stored with numeric affinity by a hand-made database: not accepted, as
  // Cylc itself always writes text.
  if (spec.startsWith('text')) return typeof value === 'string';
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Checks one row against `columns`; returns it typed, or throws RunDbError. */
export function validateRow<T>(file: string, table: string, columns: Readonly<Record<string, string>>, row: unknown): T {
  if (typeof row !== 'object' || row === null) throw new RunDbError(file, `${table}: row is not an object`);
  const fields = row as Record<string, unknown>;
  for (const [column, spec] of Object.entries(columns)) {
    const value = fields[column];
    if (!fits(value, spec)) throw new RunDbError(file, `${table}.${column}: expected ${spec}, got ${JSON.stringify(value)}`);
  }
  return row as T;
}

export const TASK_EVENT_COLUMNS = {
  cycle: 'text',
  name: 'text',
  time: 'text?',
  submit_num: 'int?',
  event: 'text',
  message: 'text?',
} as const satisfies Record<keyof TaskEventRow, Kind | `${Kind}?`>;

export const BROADCAST_EVENT_COLUMNS = {
  time: 'text?',
  change: 'text',
  point: 'text?',
  namespace: 'text?',
  key: 'text?',
  value: 'text?',
} as const satisfies Record<keyof BroadcastEventRow, Kind | `${Kind}?`>;
