/**
 * The three levels of access and the one table that says which level every
 * operation needs. The UI server asks about an operation by name (a GraphQL
 * top-level field, a mutation as Cylc spells it, or a route); a name that is
 * not in this table needs no level we know of, so it is denied.
 */

/** In increasing order: whoever may `write` may also `execute` and `read`. */
export const LEVELS = ['read', 'execute', 'write'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(name: string): name is Level {
  return (LEVELS as readonly string[]).includes(name);
}

/** 0 for read, 1 for execute, 2 for write. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/**
 * Every operation, keyed by its canonical name: snake_case as Cylc spells
 * permissions for GraphQL fields, the path below the server's prefix for
 * routes (`/*` covering every path below it).
 */
export const OPERATION_LEVELS = {
  // GraphQL queries (type Queries): looking is reading.
  workflows: 'read',
  workflow: 'read',
  job: 'read',
  jobs: 'read',
  task: 'read',
  tasks: 'read',
  task_proxy: 'read',
  task_proxies: 'read',
  family: 'read',
  families: 'read',
  family_proxy: 'read',
  family_proxies: 'read',
  edges: 'read',
  // GraphQL subscription (type Subscriptions): the live view of the same data.
  deltas: 'read',

  // Mutations that run, stop or steer the workflow as it is configured.
  play: 'execute',
  pause: 'execute',
  resume: 'execute',
  stop: 'execute',
  hold: 'execute',
  release: 'execute',
  trigger: 'execute',
  kill: 'execute',
  poll: 'execute',
  remove: 'execute',
  set_outputs: 'execute',
  set_hold_point: 'execute',
  release_hold_point: 'execute',
  // An external trigger releases tasks waiting for it: the same effect as triggering them.
  ext_trigger: 'execute',
  // A task message can complete outputs or fail a task, as set_outputs can; no setting changes.
  message: 'execute',
  // Changes how much the scheduler logs: operational, the workflow's configuration is untouched.
  set_verbosity: 'execute',
  // Changes the graph window the scheduler keeps for every viewer (and its memory use):
  // not something a read-only visitor may do to everyone else's view.
  set_graph_window_extent: 'execute',

  // Mutations and actions that change what the workflow does: its settings or its files.
  broadcast: 'write',
  reload: 'write',
  // Not in the schema yet: trigger after changing a task's settings.
  edit_trigger: 'write',
  // Not in the schema yet: editing the workflow's files (flow.cylc and the rest of the run directory).
  edit_file: 'write',
  // Not in the schema yet: `cylc clean` deletes a run directory.
  clean: 'write',

  // UI server routes, by path below the prefix. GraphQL mutations sent through
  // `graphql` are checked field by field with the names above.
  page: 'read',
  'api/whoami': 'read',
  'api/status': 'read',
  // What the page may offer the visitor: their level and operations on one workflow.
  'api/permissions': 'read',
  // Who can do what on a workflow: answered to the owner only, whatever a policy grants.
  'api/access': 'read',
  'api/ws': 'read',
  graphql: 'read',
  'api/logs/*': 'read',
  'static/*': 'read',
} as const satisfies Record<string, Level>;

export type Operation = keyof typeof OPERATION_LEVELS;

export const OPERATIONS = Object.keys(OPERATION_LEVELS) as readonly Operation[];

/** Mutation fields of the UI server's GraphQL schema (type Mutations), as Cylc names them. */
export const SCHEMA_MUTATIONS: readonly Operation[] = [
  'broadcast',
  'ext_trigger',
  'message',
  'pause',
  'reload',
  'resume',
  'set_verbosity',
  'set_graph_window_extent',
  'stop',
  'set_hold_point',
  'release_hold_point',
  'hold',
  'kill',
  'poll',
  'release',
  'remove',
  'set_outputs',
  'trigger',
  'play',
];

function isOperation(name: string): name is Operation {
  return Object.prototype.hasOwnProperty.call(OPERATION_LEVELS, name);
}

/** `setOutputs` → `set_outputs`; names already in snake_case are unchanged. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The table's name for what the UI server asks about: the name itself, its
 * snake_case spelling (GraphQL's camelCase fields), the route pattern that
 * covers a path (`api/logs/file` → `api/logs/*`), `page` for the root page
 * (the empty path). Undefined when nothing in the table covers it.
 */
export function canonicalOperation(name: string): Operation | undefined {
  if (name === '') return 'page';
  if (isOperation(name)) return name;
  const snake = snakeCase(name);
  if (isOperation(snake)) return snake;
  const slash = name.lastIndexOf('/');
  for (let end = slash; end > 0; end = name.lastIndexOf('/', end - 1)) {
    const pattern = `${name.slice(0, end)}/*`;
    if (isOperation(pattern)) return pattern;
  }
  return undefined;
}

/** The level `operation` needs, or undefined for an operation the table does not know (deny it). */
export function levelOf(operation: string): Level | undefined {
  const canonical = canonicalOperation(operation);
  return canonical === undefined ? undefined : OPERATION_LEVELS[canonical];
}

/** Every operation needing at most `level`. */
export function operationsUpTo(level: Level): Operation[] {
  const rank = levelRank(level);
  return OPERATIONS.filter((operation) => levelRank(OPERATION_LEVELS[operation]) <= rank);
}
