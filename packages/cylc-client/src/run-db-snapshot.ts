/**
 * A stopped workflow's last recorded state, built from its run database rows
 * in the shape of a `pb_entire_workflow` reply, so the same store and the
 * same readers serve running and stopped workflows. Field names are the
 * protobuf schema's (data-messages-schema.ts); IDs are Cylc's
 * (`~owner/name//cycle/task/NN`). Jobs get their state the way the scheduler
 * itself rebuilds them from the database on restart
 * (`DataStoreMgr.insert_db_job` in cylc-flow 8.0.2).
 */
import { join } from 'node:path';
import type { DataElement, EntireWorkflow, JobElement, TaskProxyElement, WorkflowElement } from './data-messages';
import type { TaskJobRow, TaskStateRow } from './run-db-rows';

/** Who the workflow belongs to and what it is called: `~owner/name` is its ID. */
export interface SnapshotWorkflow {
  readonly owner: string;
  /** The run ID relative to `~/cylc-run`, e.g. `clouds/run1`. */
  readonly name: string;
}

/** How many rows a snapshot reads at most (newest first). */
export interface SnapshotLimits {
  readonly taskProxies: number;
  readonly jobs: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { taskProxies: 1000, jobs: 2000 };

export interface SnapshotRows {
  /** Newest first: the first row of a task wins over older flows of it. */
  readonly states: readonly TaskStateRow[];
  readonly jobs: readonly TaskJobRow[];
  readonly params: Readonly<Record<string, string | null>>;
}

/** Cylc's job state for a `task_jobs` row; undefined for a job never submitted. */
export function jobState(row: TaskJobRow): string | undefined {
  if (row.run_status !== null) return row.run_status === 0 ? 'succeeded' : 'failed';
  if (row.time_run !== null) return 'running';
  if (row.submit_status !== null) return row.submit_status === 0 ? 'submitted' : 'submit-failed';
  // Still being prepared when the scheduler stopped: the scheduler shows no job either.
  return undefined;
}

/** `01`, `02`, … `100`: job IDs and log directories use at least two digits. */
export function submitNumText(submitNum: number): string {
  return String(submitNum).padStart(2, '0');
}

/** Copies the fields whose value is not null (protobuf messages have no nulls: absent means unset). */
function present(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}

export function snapshotFromRows(workflow: SnapshotWorkflow, runDir: string, rows: SnapshotRows): EntireWorkflow {
  const workflowId = `~${workflow.owner}/${workflow.name}`;
  const proxyId = (cycle: string, name: string): string => `${workflowId}//${cycle}/${name}`;
  const taskId = (name: string): string => `${workflowId}//$namespace|${name}`;

  const proxies = new Map<string, Record<string, unknown>>();
  for (const row of rows.states) {
    const id = proxyId(row.cycle, row.name);
    if (proxies.has(id)) continue;
    proxies.set(
      id,
      present({
        id,
        stamp: `${id}@${row.time_updated ?? ''}`,
        task: taskId(row.name),
        name: row.name,
        cycle_point: row.cycle,
        state: row.status,
        flow_nums: row.flow_nums,
        job_submits: row.submit_num,
        is_held: false,
        is_queued: false,
        is_runahead: false,
        jobs: [],
      }),
    );
  }

  const jobs: JobElement[] = [];
  for (const row of rows.jobs) {
    const state = jobState(row);
    const proxy = proxies.get(proxyId(row.cycle, row.name));
    // A job of a task outside the snapshot's limit has nothing to hang on.
    if (state === undefined || proxy === undefined) continue;
    const nn = submitNumText(row.submit_num);
    const id = `${proxy['id'] as string}/${nn}`;
    (proxy['jobs'] as string[]).push(id);
    jobs.push(
      present({
        id,
        stamp: `${id}@${row.time_run_exit ?? row.time_run ?? row.time_submit ?? ''}`,
        submit_num: row.submit_num,
        state,
        task_proxy: proxy['id'],
        name: row.name,
        cycle_point: row.cycle,
        submitted_time: row.time_submit,
        started_time: row.time_run,
        finished_time: row.time_run_exit,
        job_id: row.job_id,
        job_runner_name: row.job_runner_name,
        platform: row.platform_name,
        job_log_dir: join(runDir, 'log', 'job', row.cycle, row.name, nn),
      }) as JobElement,
    );
  }

  const tasks = new Map<string, DataElement>();
  const stateTotals: Record<string, number> = {};
  for (const proxy of proxies.values()) {
    const name = proxy['name'] as string;
    const id = taskId(name);
    const task = tasks.get(id) ?? { id, stamp: `${id}@`, name, proxies: [] };
    (task['proxies'] as string[]).push(proxy['id'] as string);
    tasks.set(id, task);
    const state = proxy['state'] as string;
    stateTotals[state] = (stateTotals[state] ?? 0) + 1;
  }

  const workflowElement: WorkflowElement = present({
    id: workflowId,
    stamp: `${workflowId}@`,
    name: workflow.name,
    owner: workflow.owner,
    status: 'stopped',
    status_msg: 'stopped',
    cylc_version: rows.params['cylc_version'],
    state_totals: stateTotals,
    states: Object.keys(stateTotals).sort(),
    tasks: [...tasks.keys()],
  });

  return {
    workflow: workflowElement,
    tasks: [...tasks.values()],
    task_proxies: [...proxies.values()] as TaskProxyElement[],
    jobs,
  };
}
