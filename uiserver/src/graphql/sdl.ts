/**
 * The schema, in Cylc's names and shapes (cylc/flow/network/schema.py of
 * Cylc 8.0.2, as the scheduler prints it), so documents written for Cylc's
 * UI server work here unchanged. Mutation argument types carry Cylc's own
 * scalar names (WorkflowID, NamespaceIDGlob, ...) because variable
 * definitions are forwarded to the scheduler, which validates them against
 * its schema.
 *
 * Left out: what only a scheduler can answer (nodesEdges) and the
 * scheduler's internal arguments (deltaStore, deltaType). `stripNull`,
 * `initialBurst` and `ignoreInterval` are accepted so Cylc clients' documents
 * validate, and ignored: unset fields answer protobuf defaults, and every
 * subscription starts with everything. Added: `Queries.workflow`,
 * `Deltas.reset` and the local `play` mutation.
 */
const STRIP = 'stripNull: Boolean';
const ID_FILTERS = 'ids: [ID] = [], exids: [ID] = []';
const STATE_FILTERS = 'states: [String] = [], exstates: [String] = []';
const FLAG_FILTERS = 'isHeld: Boolean, isQueued: Boolean, isRunahead: Boolean';
const DEPTH_FILTERS = 'mindepth: Int = -1, maxdepth: Int = -1';
const SORT = 'sort: SortArgs';
const WORKFLOW_FILTERS = 'workflows: [ID] = [], exworkflows: [ID] = []';

const PROXY_ARGS = `${ID_FILTERS}, ${STATE_FILTERS}, ${FLAG_FILTERS}, ${DEPTH_FILTERS}, ${SORT}, ${STRIP}`;
const JOB_ARGS = `${ID_FILTERS}, ${STATE_FILTERS}, ${SORT}, ${STRIP}`;
const DEF_ARGS = `${ID_FILTERS}, ${DEPTH_FILTERS}, ${SORT}, ${STRIP}`;
const EDGE_ARGS = `${ID_FILTERS}, ${STATE_FILTERS}, ${DEPTH_FILTERS}, ${SORT}, ${STRIP}`;

const TASK_STATES = '"waiting", "expired", "preparing", "submit-failed", "submitted", "running", "failed", "succeeded"';
const OUTPUT_ORDER = '"expired", "submitted", "submit-failed", "started", "succeeded", "failed"';

const DELTA_FIELDS = `
  families(${DEF_ARGS}): [Family]
  familyProxies(${PROXY_ARGS}): [FamilyProxy]
  jobs(${JOB_ARGS}): [Job]
  tasks(${DEF_ARGS}): [Task]
  taskProxies(${PROXY_ARGS}): [TaskProxy]
  edges(${EDGE_ARGS}): [Edge]
  workflow(${STRIP}): Workflow`;

const WORKFLOW_MUTATION_NAMES = ['Broadcast', 'ExtTrigger', 'Message', 'Pause', 'Reload', 'Resume', 'SetVerbosity'];
const MORE_MUTATION_NAMES = ['SetGraphWindowExtent', 'Stop', 'SetHoldPoint', 'ReleaseHoldPoint', 'Play'];
const TASK_MUTATION_NAMES = ['Hold', 'Kill', 'Poll', 'Release', 'Remove', 'SetOutputs', 'Trigger'];
const MUTATION_RESULT_TYPES = [...WORKFLOW_MUTATION_NAMES, ...MORE_MUTATION_NAMES, ...TASK_MUTATION_NAMES]
  .map((name) => `type ${name} {\n  result: GenericScalar\n}`)
  .join('\n\n');

const TASK_MUTATION_ARGS = 'tasks: [NamespaceIDGlob]!, workflows: [WorkflowID]!';

export const SCHEMA_SDL = `
schema {
  query: Queries
  mutation: Mutations
  subscription: Subscriptions
}

"Any JSON value."
scalar GenericScalar

scalar WorkflowID
scalar CyclePoint
scalar BroadcastCyclePoint
scalar BroadcastSetting
scalar NamespaceName
scalar NamespaceIDGlob
scalar TaskID
scalar TimePoint
scalar Flow

enum BroadcastMode {
  Set
  Clear
  Expire
}

enum LogLevels {
  CRITICAL
  FATAL
  ERROR
  WARN
  WARNING
  INFO
  DEBUG
  NOTSET
}

enum WorkflowStopMode {
  Clean
  Kill
  Now
  NowNow
}

input SortArgs {
  keys: [String] = ["id"]
  reverse: Boolean = false
}

type Queries {
  workflows(${STRIP}, ${ID_FILTERS}): [Workflow]
  "One workflow by ID (\`~owner/name\`, or \`name\`)."
  workflow(${STRIP}, id: ID!): Workflow
  job(${STRIP}, id: ID!): Job
  jobs(${WORKFLOW_FILTERS}, ${JOB_ARGS}): [Job]
  task(${STRIP}, id: ID!): Task
  tasks(${WORKFLOW_FILTERS}, ${DEF_ARGS}): [Task]
  taskProxy(${STRIP}, id: ID!): TaskProxy
  taskProxies(${WORKFLOW_FILTERS}, ${PROXY_ARGS}): [TaskProxy]
  family(${STRIP}, id: ID!): Family
  families(${WORKFLOW_FILTERS}, ${DEF_ARGS}): [Family]
  familyProxy(${STRIP}, id: ID!): FamilyProxy
  familyProxies(${WORKFLOW_FILTERS}, ${PROXY_ARGS}): [FamilyProxy]
  edges(${WORKFLOW_FILTERS}, ${SORT}, ${STRIP}): [Edge]
}

type Workflow {
  id: ID
  name: String
  status: String
  statusMsg: String
  host: String
  port: Int
  pubPort: Int
  owner: String
  tasks(${DEF_ARGS}): [Task]
  families(${DEF_ARGS}): [Family]
  taskProxies(${PROXY_ARGS}): [TaskProxy]
  familyProxies(${PROXY_ARGS}): [FamilyProxy]
  jobs(${JOB_ARGS}): [Job]
  edges(${EDGE_ARGS}): Edges
  apiVersion: Int
  cylcVersion: String
  lastUpdated: Float
  meta: NodeMeta
  newestActiveCyclePoint: String
  oldestActiveCyclePoint: String
  reloaded: Boolean
  runMode: String
  isHeldTotal: Int
  isQueuedTotal: Int
  isRunaheadTotal: Int
  stateTotals: GenericScalar
  latestStateTasks(states: [String] = [${TASK_STATES}]): GenericScalar
  workflowLogDir: String
  timeZoneInfo: TimeZone
  treeDepth: Int
  nsDefOrder: [String]
  jobLogNames: [String]
  states: [String]
  broadcasts(ids: [ID] = []): GenericScalar
  pruned: Boolean
}

type NodeMeta {
  title: String
  description: String
  URL: String
  userDefined: GenericScalar
}

type TimeZone {
  hours: Int
  minutes: Int
  stringBasic: String
  stringExtended: String
}

type Job {
  id: ID
  submitNum: Int
  state: String
  name: String
  cyclePoint: String
  taskProxy(${STRIP}): TaskProxy
  submittedTime: String
  startedTime: String
  finishedTime: String
  jobId: ID
  jobRunnerName: String
  envScript: String
  errScript: String
  exitScript: String
  executionTimeLimit: Float
  platform: String
  initScript: String
  jobLogDir: String
  postScript: String
  preScript: String
  script: String
  workSubDir: String
  environment: GenericScalar
  directives: GenericScalar
  paramVar: GenericScalar
  extraLogs: [String]
  messages: [String]
}

type Task {
  id: ID
  name: String
  meta: NodeMeta
  meanElapsedTime: Float
  depth: Int
  proxies(${PROXY_ARGS}): [TaskProxy]
  parents(${DEF_ARGS}): [Family]
  namespace: [String]
  firstParent(${STRIP}): Family
}

type Condition {
  taskId: String
  exprAlias: String
  reqState: String
  satisfied: Boolean
  message: String
}

type Prerequisite {
  expression: String
  conditions: [Condition]
  cyclePoints: [String]
  satisfied: Boolean
}

type Output {
  label: String
  message: String
  satisfied: Boolean
  time: Float
}

type ClockTrigger {
  time: Float
  timeString: String
  satisfied: Boolean
}

type XTrigger {
  id: String
  label: String
  message: String
  satisfied: Boolean
  time: Float
}

type TaskProxy {
  id: ID
  task(${STRIP}): Task
  state: String
  cyclePoint: String
  isHeld: Boolean
  isQueued: Boolean
  isRunahead: Boolean
  flowNums: String
  flowWait: Boolean
  depth: Int
  jobSubmits: Int
  outputs(${SORT}, sortOrder: [String] = [${OUTPUT_ORDER}], limit: Int = 0, satisfied: Boolean): [Output]
  clockTrigger: ClockTrigger
  externalTriggers(${SORT}, sortOrder: [String], limit: Int = 0, satisfied: Boolean): [XTrigger]
  xtriggers(${SORT}, sortOrder: [String], limit: Int = 0, satisfied: Boolean): [XTrigger]
  name: String
  namespace: [String]
  prerequisites: [Prerequisite]
  jobs(${JOB_ARGS}): [Job]
  firstParent(${PROXY_ARGS}): FamilyProxy
  ancestors(${PROXY_ARGS}): [FamilyProxy]
}

type Family {
  id: ID
  name: String
  meta: NodeMeta
  depth: Int
  proxies(${PROXY_ARGS}): [FamilyProxy]
  parents(${DEF_ARGS}): [Family]
  childTasks(${DEF_ARGS}): [Task]
  childFamilies(${DEF_ARGS}): [Family]
  firstParent(${STRIP}): Family
}

type FamilyProxy {
  id: ID
  cyclePoint: String
  name: String
  family(${STRIP}): Family
  state: String
  states: [String]
  stateTotals: GenericScalar
  isHeld: Boolean
  isHeldTotal: Int
  isQueued: Boolean
  isQueuedTotal: Int
  isRunahead: Boolean
  isRunaheadTotal: Int
  depth: Int
  childTasks(${PROXY_ARGS}): [TaskProxy]
  childFamilies(${PROXY_ARGS}): [FamilyProxy]
  firstParent(${PROXY_ARGS}): FamilyProxy
  ancestors(${PROXY_ARGS}): [FamilyProxy]
}

union Node = TaskProxy | FamilyProxy

type Edge {
  id: ID
  source: ID
  sourceNode(${STRIP}): Node
  target: ID
  targetNode(${STRIP}): Node
  suicide: Boolean
  cond: Boolean
}

type PollTask {
  localProxy: ID
  workflow: String
  remoteProxy: ID
  reqState: String
  graphString: String
}

type Edges {
  edges(${EDGE_ARGS}): [Edge]
  workflowPollingTasks: [PollTask]
  leaves: [String]
  feet: [String]
}

type Mutations {
  broadcast(cutoff: CyclePoint, cyclePoints: [BroadcastCyclePoint] = ["*"], mode: BroadcastMode! = Set, namespaces: [NamespaceName] = ["root"], settings: [BroadcastSetting], workflows: [WorkflowID]!): Broadcast
  extTrigger(id: String!, message: String!, workflows: [WorkflowID]!): ExtTrigger
  message(eventTime: String, messages: [[String]], taskJob: String!, workflows: [WorkflowID]!): Message
  pause(workflows: [WorkflowID]!): Pause
  reload(workflows: [WorkflowID]!): Reload
  resume(workflows: [WorkflowID]!): Resume
  setVerbosity(level: LogLevels!, workflows: [WorkflowID]!): SetVerbosity
  setGraphWindowExtent(nEdgeDistance: Int!, workflows: [WorkflowID]!): SetGraphWindowExtent
  stop(clockTime: TimePoint, cyclePoint: CyclePoint, flowNum: Int, mode: WorkflowStopMode = Clean, task: TaskID, workflows: [WorkflowID]!): Stop
  setHoldPoint(point: CyclePoint!, workflows: [WorkflowID]!): SetHoldPoint
  releaseHoldPoint(workflows: [WorkflowID]!): ReleaseHoldPoint
  hold(${TASK_MUTATION_ARGS}): Hold
  kill(${TASK_MUTATION_ARGS}): Kill
  poll(${TASK_MUTATION_ARGS}): Poll
  release(${TASK_MUTATION_ARGS}): Release
  remove(${TASK_MUTATION_ARGS}): Remove
  setOutputs(flowNum: Int, outputs: [String] = ["succeeded"], ${TASK_MUTATION_ARGS}): SetOutputs
  trigger(flow: [Flow!] = ["all"], flowDescr: String, flowWait: Boolean = false, ${TASK_MUTATION_ARGS}): Trigger
  "Start stopped workflows (\`cylc play <name>\` on this server, as the owner)."
  play(workflows: [WorkflowID]!): Play
}

${MUTATION_RESULT_TYPES}

type Pruned {
  workflow: String
  families: [String]
  familyProxies: [String]
  jobs: [String]
  tasks: [String]
  taskProxies: [String]
  edges: [String]
}

interface Delta {${DELTA_FIELDS}
}

type Added implements Delta {${DELTA_FIELDS}
}

type Updated implements Delta {${DELTA_FIELDS}
}

type Deltas {
  "The workflow's ID."
  id: ID
  "True: forget what you hold of this workflow; \`added\` holds all of it."
  reset: Boolean
  "The workflow has gone (it left ~/cylc-run)."
  shutdown: Boolean
  added(${STRIP}): Added
  updated(${STRIP}): Updated
  pruned(${STRIP}): Pruned
}

type Subscriptions {
  deltas(workflows: [ID], stripNull: Boolean = false, initialBurst: Boolean = true, ignoreInterval: Float = 0.0): Deltas
}
`;
