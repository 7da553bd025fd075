/** Hand-made workflows, in the shape `pb_entire_workflow` decodes to (snake_case protobuf fields). */
import type { DataElement, EntireWorkflow, JobElement, TaskProxyElement } from '@isobar/cylc-client';

export const TASK_NAMES = ['climb', 'descend', 'drift', 'rain', 'snow', 'hail', 'fog', 'mist', 'gust', 'calm'] as const;

export interface WorkflowIds {
  readonly workflow: string;
  task(name: string): string;
  proxy(cycle: number, name: string): string;
  job(cycle: number, name: string, submit: number): string;
  family(name: string): string;
  familyProxy(cycle: number, name: string): string;
}

export function idsOf(owner: string, name: string): WorkflowIds {
  const workflow = `~${owner}/${name}`;
  return {
    workflow,
    task: (task) => `${workflow}//${task}`,
    proxy: (cycle, task) => `${workflow}//${cycle}/${task}`,
    job: (cycle, task, submit) => `${workflow}//${cycle}/${task}/${String(submit).padStart(2, '0')}`,
    family: (family) => `${workflow}//${family}`,
    familyProxy: (cycle, family) => `${workflow}//${cycle}/${family}`,
  };
}

/** Cycle 1 has succeeded; in cycle 2 `climb` runs (its second job) and the rest wait; cycle 3 waits, `fog` held. */
function stateOf(cycle: number, name: string): string {
  if (cycle === 1) return 'succeeded';
  if (cycle === 2 && name === 'climb') return 'running';
  return 'waiting';
}

function jobsOf(ids: WorkflowIds, cycle: number, name: string): JobElement[] {
  if (cycle === 1) {
    return [
      {
        id: ids.job(cycle, name, 1),
        submit_num: 1,
        state: 'succeeded',
        name,
        cycle_point: String(cycle),
        task_proxy: ids.proxy(cycle, name),
        submitted_time: '2024-01-01T00:00:00Z',
        started_time: '2024-01-01T00:00:05Z',
        finished_time: '2024-01-01T00:01:00Z',
        job_runner_name: 'background',
        platform: 'localhost',
        job_id: '4242',
      },
    ];
  }
  if (cycle === 2 && name === 'climb') {
    return [1, 2].map((submit) => ({
      id: ids.job(cycle, name, submit),
      submit_num: submit,
      state: submit === 1 ? 'failed' : 'running',
      name,
      cycle_point: String(cycle),
      task_proxy: ids.proxy(cycle, name),
      environment: '{"CLOUD": "cumulus"}',
    }));
  }
  return [];
}

/** `owner`'s workflow `name` with 3 cycles of 10 tasks (30 task proxies), jobs, families and edges. */
export function cloudsWorkflow(owner = 'alice', name = 'clouds/run1', status = 'running'): EntireWorkflow {
  const ids = idsOf(owner, name);
  const cycles = [1, 2, 3];
  const taskProxies: TaskProxyElement[] = [];
  const jobs: JobElement[] = [];
  for (const cycle of cycles) {
    for (const task of TASK_NAMES) {
      const own = jobsOf(ids, cycle, task);
      jobs.push(...own);
      taskProxies.push({
        id: ids.proxy(cycle, task),
        stamp: `${cycle}-${task}-1`,
        task: ids.task(task),
        name: task,
        cycle_point: String(cycle),
        state: stateOf(cycle, task),
        is_held: cycle === 3 && task === 'fog',
        is_queued: false,
        depth: 1,
        first_parent: ids.familyProxy(cycle, 'CLOUDS'),
        ancestors: [ids.familyProxy(cycle, 'CLOUDS'), ids.familyProxy(cycle, 'root')],
        jobs: own.map((job) => job.id ?? ''),
        flow_nums: '[1]',
        outputs: {
          succeeded: { label: 'succeeded', message: 'succeeded', satisfied: cycle === 1 },
          submitted: { label: 'submitted', message: 'submitted', satisfied: cycle === 1 },
          started: { label: 'started', message: 'started', satisfied: cycle === 1 },
        },
        prerequisites: [
          {
            expression: 'c0',
            satisfied: cycle === 1,
            conditions: [{ task_proxy: `${cycle}/climb`, expr_alias: 'c0', req_state: 'succeeded', satisfied: cycle === 1 }],
          },
        ],
      });
    }
  }
  const tasks: DataElement[] = TASK_NAMES.map((task) => ({
    id: ids.task(task),
    name: task,
    mean_elapsed_time: 55,
    depth: 1,
    first_parent: ids.family('CLOUDS'),
    parents: [ids.family('CLOUDS')],
    namespace: [task, 'CLOUDS', 'root'],
    proxies: cycles.map((cycle) => ids.proxy(cycle, task)),
    meta: { title: `the ${task} task`, user_defined: '{"colour": "grey"}' },
  }));
  const families: DataElement[] = [
    { id: ids.family('root'), name: 'root', depth: 0, child_families: [ids.family('CLOUDS')] },
    {
      id: ids.family('CLOUDS'),
      name: 'CLOUDS',
      depth: 1,
      first_parent: ids.family('root'),
      parents: [ids.family('root')],
      child_tasks: TASK_NAMES.map((task) => ids.task(task)),
    },
  ];
  const familyProxies: DataElement[] = cycles.flatMap((cycle) => [
    {
      id: ids.familyProxy(cycle, 'root'),
      name: 'root',
      cycle_point: String(cycle),
      family: ids.family('root'),
      state: stateOf(cycle, 'root'),
      depth: 0,
      child_families: [ids.familyProxy(cycle, 'CLOUDS')],
    },
    {
      id: ids.familyProxy(cycle, 'CLOUDS'),
      name: 'CLOUDS',
      cycle_point: String(cycle),
      family: ids.family('CLOUDS'),
      state: cycle === 2 ? 'running' : stateOf(cycle, 'CLOUDS'),
      depth: 1,
      first_parent: ids.familyProxy(cycle, 'root'),
      ancestors: [ids.familyProxy(cycle, 'root')],
      child_tasks: TASK_NAMES.map((task) => ids.proxy(cycle, task)),
      state_totals: { [stateOf(cycle, 'x')]: 10 },
    },
  ]);
  const edges: DataElement[] = cycles.map((cycle) => ({
    id: `${ids.workflow}//$edge|${cycle}/climb|${cycle}/descend`,
    source: ids.proxy(cycle, 'climb'),
    target: ids.proxy(cycle, 'descend'),
    suicide: false,
    cond: false,
  }));
  return {
    workflow: {
      id: ids.workflow,
      name,
      owner,
      status,
      host: 'node1',
      port: 43001,
      cylc_version: '8.0.2',
      status_msg: 'running',
      state_totals: { succeeded: 10, running: 1, waiting: 19 },
      is_held_total: 1,
      newest_active_cycle_point: '3',
      oldest_active_cycle_point: '2',
      broadcasts: JSON.stringify({ '*': { CLOUDS: { environment: { WIND: 'gusty' } } }, '2': { climb: { script: 'true' } } }),
      edges: { id: ids.workflow, leaves: [ids.proxy(3, 'descend')], feet: [ids.proxy(1, 'climb')] },
    },
    tasks,
    task_proxies: taskProxies,
    jobs,
    families,
    family_proxies: familyProxies,
    edges,
  };
}
