/**
 * Every GraphQL document the web UI sends, in one place so the server side
 * can be checked against them (the unit tests validate them against Cylc
 * 8.0.2's schema). Fields are written out rather than shared through
 * fragments: plain selections are the least a server has to support.
 */

export const WORKFLOW_FIELDS =
  'id name status statusMsg stateTotals isHeldTotal isQueuedTotal isRunaheadTotal newestActiveCyclePoint oldestActiveCyclePoint lastUpdated cylcVersion host port runMode';
export const TASK_FIELDS = 'id name cyclePoint state isHeld isQueued isRunahead flowNums firstParent { id name }';
export const JOB_FIELDS = 'id submitNum state submittedTime startedTime finishedTime platform jobRunnerName jobId';

// IDs go into the document as string literals (JSON strings are valid
// GraphQL strings), so the document names exactly what it watches and the
// server can share one execution among all pages watching the same thing.
function idList(ids: readonly string[]): string {
  return `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
}

/** All of the owner's workflows, workflow fields only: the list (gscan). */
export function workflowListSubscription(owner: string): string {
  return `subscription IsobarWorkflowList {
  deltas(workflows: ${idList([`~${owner}/*`])}) {
    id
    reset
    shutdown
    added { workflow { ${WORKFLOW_FIELDS} } }
    updated { workflow { ${WORKFLOW_FIELDS} } }
    pruned { workflow }
  }
}`;
}

/** Tasks and jobs of the workflows on screen (IDs or globs such as `~alice/*`). */
export function workflowDetailSubscription(workflowIds: readonly string[]): string {
  const set = `workflow { ${WORKFLOW_FIELDS} } taskProxies { ${TASK_FIELDS} } jobs { ${JOB_FIELDS} }`;
  return `subscription IsobarWorkflowDetail {
  deltas(workflows: ${idList(workflowIds)}) {
    id
    reset
    shutdown
    added { ${set} }
    updated { ${set} }
    pruned { workflow taskProxies jobs }
  }
}`;
}

/** Outputs of one task, for the "set outputs" choice (read on demand, not streamed). */
export const TASK_OUTPUTS_QUERY = `query IsobarTaskOutputs($ids: [ID]) {
  taskProxies(ids: $ids) { id outputs { label message satisfied } }
}`;

// Mutations, with the argument types of Cylc 8.0.2's schema. Task mutations
// take task IDs relative to the workflow (`cycle/task`), as `cylc hold` does.
const TASK_MUTATION = (name: string, field: string): string =>
  `mutation ${name}($workflows: [WorkflowID]!, $tasks: [NamespaceIDGlob]!) {
  ${field}(workflows: $workflows, tasks: $tasks) { result }
}`;
const WORKFLOW_MUTATION = (name: string, field: string): string =>
  `mutation ${name}($workflows: [WorkflowID]!) {
  ${field}(workflows: $workflows) { result }
}`;

export const MUTATIONS = {
  hold: TASK_MUTATION('Hold', 'hold'),
  release: TASK_MUTATION('Release', 'release'),
  trigger: TASK_MUTATION('Trigger', 'trigger'),
  kill: TASK_MUTATION('Kill', 'kill'),
  poll: TASK_MUTATION('Poll', 'poll'),
  remove: TASK_MUTATION('Remove', 'remove'),
  setOutputs: `mutation SetOutputs($workflows: [WorkflowID]!, $tasks: [NamespaceIDGlob]!, $outputs: [String]) {
  setOutputs(workflows: $workflows, tasks: $tasks, outputs: $outputs) { result }
}`,
  pause: WORKFLOW_MUTATION('Pause', 'pause'),
  resume: WORKFLOW_MUTATION('Resume', 'resume'),
  reload: WORKFLOW_MUTATION('Reload', 'reload'),
  stop: `mutation Stop($workflows: [WorkflowID]!, $mode: WorkflowStopMode) {
  stop(workflows: $workflows, mode: $mode) { result }
}`,
  broadcast: `mutation Broadcast($workflows: [WorkflowID]!, $cyclePoints: [BroadcastCyclePoint], $namespaces: [NamespaceName], $settings: [BroadcastSetting]) {
  broadcast(workflows: $workflows, mode: Set, cyclePoints: $cyclePoints, namespaces: $namespaces, settings: $settings) { result }
}`,
  // The server's own mutation (not Cylc's): runs `cylc play` as the owner.
  play: `mutation Play($workflows: [ID]!) {
  play(workflows: $workflows) { result }
}`,
} as const;

export type MutationName = keyof typeof MUTATIONS;
