/**
 * Watches every workflow run in one owner's `~/cylc-run`: scans it at start
 * and every `scanIntervalMs`, keeps one WorkflowConnection per running
 * scheduler, and shows a stopped run's history from its run database. Reads
 * never go to a scheduler; only `graphql()` does.
 *
 * A run whose contact file exists but whose scheduler does not answer (it
 * crashed, or hangs) costs one connection attempt per scan, bounded by the
 * request timeout, and never holds up the others: attempts run in parallel
 * and a periodic scan does not wait for them. Meanwhile it shows as stopped,
 * with its history.
 *
 * Events: 'change' (WorkflowChange, with the monitor's workflow ID) and
 * 'log' ({level, message, fields}).
 */
import { EventEmitter } from 'node:events';
import { resetChange, type WorkflowChange } from './change';
import { openSchedulerChannels } from './channels';
import { WorkflowConnection, type ConnectionEnded } from './connection';
import { readContact } from './contact';
import { WorkflowNotRunningError } from './errors';
import { errorMessage } from './fs-util';
import { processExists, schedulerInstance } from './liveness';
import { isLocalHost } from './local-host';
import type { GraphQLData, JsonObject } from './message';
import { MonitoredRun, type MonitoredWorkflow } from './monitored-run';
import { NO_RUN_DB, emptyRunHistory, readRunHistory, runDbVersion } from './run-history';
import type { SnapshotLimits } from './run-db-snapshot';
import { scanRuns } from './scan';

// Part of the monitor's public surface, defined with the things they describe.
export type { WorkflowChange } from './change';
export type { MonitoredWorkflow, WorkflowStatus } from './monitored-run';

export interface WorkflowMonitorOptions {
  /** The owner's `~/cylc-run`. */
  readonly cylcRun: string;
  /** The owner: workflow IDs are `~owner/…`, and `meta.auth_user` of the monitor's own requests. */
  readonly owner: string;
  /** Default 2000 ms. */
  readonly scanIntervalMs?: number;
  /** Per scheduler request, which also bounds a connection attempt (default 5000 ms). */
  readonly requestTimeoutMs?: number;
  /** Contact file and pid checks of each connection (default 2000 ms). */
  readonly livenessIntervalMs?: number;
  /** Directory levels searched for runs (default 4). */
  readonly maxDepth?: number;
  /** Rows read for a stopped run's history. */
  readonly snapshotLimits?: SnapshotLimits;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface MonitorLog {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface WorkflowMonitorEvents {
  change: [WorkflowChange];
  log: [MonitorLog];
}

export const DEFAULT_SCAN_INTERVAL_MS = 2000;

export class WorkflowMonitor extends EventEmitter<WorkflowMonitorEvents> {
  private readonly runs = new Map<string, MonitoredRun>();
  /** Connections still connecting, so close() can cut them short. */
  private readonly attempts = new Set<WorkflowConnection>();
  private scanChain: Promise<unknown> = Promise.resolve();
  private started: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: WorkflowMonitorOptions) {
    super();
  }

  /** Resolves after the first scan and the first snapshots (or their failures); then scans periodically. */
  start(): Promise<void> {
    this.started ??= this.rescan().then(() => this.scheduleScan());
    return this.started;
  }

  /** Every run announced so far (by a change event), sorted by ID. */
  list(): readonly MonitoredWorkflow[] {
    return [...this.runs.values()].filter((run) => run.announced).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): MonitoredWorkflow | undefined {
    const run = this.runs.get(id);
    return run?.announced === true ? run : undefined;
  }

  /** Forwards a GraphQL document to the workflow's scheduler, `meta.auth_user` = authUser. */
  async graphql(id: string, query: string, variables: JsonObject, authUser: string): Promise<GraphQLData> {
    const run = this.runs.get(id);
    if (run === undefined) throw new WorkflowNotRunningError(`${id}: no such workflow`);
    if (run.connection === undefined) throw new WorkflowNotRunningError(`${id}: not running`);
    return run.connection.graphql(query, variables, authUser);
  }

  /** Scans now and waits for the connection attempts and history reads it started (e.g. right after `cylc play`). */
  async rescan(): Promise<void> {
    await Promise.all(await this.scan());
  }

  /** Stops scanning and closes every connection. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    for (const connection of this.attempts) void connection.close();
    await this.scanChain;
    const runs = [...this.runs.values()];
    await Promise.all(runs.map((run) => run.updating));
    await Promise.all(runs.map((run) => run.connection?.close()));
  }

  private scheduleScan(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      // A periodic scan does not wait for the attempts it starts: a hanging scheduler must not delay the others.
      void this.scan()
        .catch(() => undefined)
        .then(() => this.scheduleScan());
    }, this.options.scanIntervalMs ?? DEFAULT_SCAN_INTERVAL_MS);
    this.timer.unref();
  }

  /** One scan, after any scan already running; resolves to the work it started or found in progress. */
  private scan(): Promise<Promise<void>[]> {
    const work = this.scanChain.then(() => this.scanOnce());
    this.scanChain = work.catch(() => undefined);
    return work;
  }

  private async scanOnce(): Promise<Promise<void>[]> {
    if (this.closed) return [];
    let found;
    try {
      found = await scanRuns(this.options.cylcRun, this.options.maxDepth === undefined ? {} : { maxDepth: this.options.maxDepth });
    } catch (err) {
      this.log('error', `cannot scan ${this.options.cylcRun}: ${errorMessage(err)}`, { cylcRun: this.options.cylcRun });
      return [];
    }
    if (this.closed) return [];
    const seen = new Set<string>();
    const work: Promise<void>[] = [];
    for (const scanned of found) {
      const id = `~${this.options.owner}/${scanned.id}`;
      seen.add(id);
      let run = this.runs.get(id);
      if (run === undefined) {
        run = new MonitoredRun(id, scanned.id, scanned.runDir);
        this.runs.set(id, run);
      }
      work.push(this.update(run, scanned.running));
    }
    for (const run of [...this.runs.values()]) if (!seen.has(run.id)) this.remove(run);
    return work;
  }

  private update(run: MonitoredRun, running: boolean): Promise<void> {
    if (run.live) return Promise.resolve();
    if (run.updating !== undefined) return run.updating;
    return this.track(run, () => (running ? this.connect(run) : this.showHistory(run, false)));
  }

  /** Runs `work` for `run` after whatever it is already doing, so a run's updates never interleave. Never rejects. */
  private track(run: MonitoredRun, work: () => Promise<void>): Promise<void> {
    const done = (run.updating ?? Promise.resolve()).then(work).catch((err: unknown) => {
      this.log('error', `${run.id}: ${errorMessage(err)}`, { workflowId: run.id });
    });
    run.updating = done;
    void done.finally(() => {
      if (run.updating === done) run.updating = undefined;
    });
    return done;
  }

  private isCurrent(run: MonitoredRun): boolean {
    return !this.closed && this.runs.get(run.id) === run;
  }

  private async connect(run: MonitoredRun): Promise<void> {
    let contact;
    try {
      contact = await readContact(run.runDir);
    } catch (err) {
      if (!(err instanceof WorkflowNotRunningError)) this.connectFailed(run, errorMessage(err), 'warn');
      return this.showHistory(run, false);
    }
    if (schedulerInstance(contact) === run.shutDownScheduler) return this.showHistory(run, false);
    if ((await isLocalHost(contact.host)) === true && !processExists(contact.pid)) {
      this.connectFailed(run, `contact file left behind by scheduler ${contact.pid}, which is gone`, 'info');
      return this.showHistory(run, false);
    }
    let connection: WorkflowConnection;
    try {
      const { requestTimeoutMs, livenessIntervalMs } = this.options;
      const channels = await openSchedulerChannels(run.runDir, requestTimeoutMs === undefined ? {} : { requestTimeoutMs });
      connection = new WorkflowConnection(run.runDir, channels, {
        authUser: this.options.owner,
        ...(livenessIntervalMs === undefined ? {} : { livenessIntervalMs }),
      });
    } catch (err) {
      this.connectFailed(run, errorMessage(err), 'warn');
      return this.showHistory(run, false);
    }
    if (!this.isCurrent(run)) {
      await connection.close();
      return;
    }
    connection.on('change', (change) => this.onConnectionChange(run, connection, change));
    connection.on('resync', ({ type, reason }) =>
      this.log('info', `${run.id}: resync of ${type}: ${reason}`, { workflowId: run.id, type, reason }),
    );
    connection.on('ended', (ended) => this.onConnectionEnded(run, connection, ended));
    this.attempts.add(connection);
    try {
      await connection.connect();
    } catch (err) {
      this.connectFailed(run, errorMessage(err), 'warn');
      return this.showHistory(run, false);
    } finally {
      this.attempts.delete(connection);
    }
    run.lastProblem.connect = undefined;
    if (!this.isCurrent(run)) await connection.close();
  }

  private connectFailed(run: MonitoredRun, error: string, level: LogLevel): void {
    this.logProblemOnce(run, 'connect', level, `${run.id}: not connected: ${error}`);
  }

  /** Logs a problem once until it changes or clears, as a broken run fails the same way at every scan. */
  private logProblemOnce(run: MonitoredRun, kind: 'connect' | 'history', level: LogLevel, message: string): void {
    if (run.lastProblem[kind] === message) return;
    run.lastProblem[kind] = message;
    this.log(level, message, { workflowId: run.id, runDir: run.runDir });
  }

  private onConnectionChange(run: MonitoredRun, connection: WorkflowConnection, change: WorkflowChange): void {
    if (!this.isCurrent(run)) return;
    if (run.connection !== connection) {
      // The connection's first reset is the moment the run goes live, data and all.
      if (!change.reset || connection.state === 'ended') return;
      run.connection = connection;
      this.log('info', `${run.id}: connected`, { workflowId: run.id, uuid: connection.contact.uuid, pid: connection.contact.pid });
    }
    this.announce(run, change);
  }

  private onConnectionEnded(run: MonitoredRun, connection: WorkflowConnection, ended: ConnectionEnded): void {
    if (run.connection !== connection) return;
    run.connection = undefined;
    if (ended.cause === 'shutdown') run.shutDownScheduler = schedulerInstance(connection.contact);
    if (!this.isCurrent(run)) return;
    this.log('info', `${run.id}: disconnected: ${ended.reason}`, { workflowId: run.id, cause: ended.cause });
    // Forced: listeners were shown live data, so they get the history even if the database did not change.
    void this.track(run, () => this.showHistory(run, true));
  }

  /** Loads the run's history if its database changed (or `force`), and tells listeners if there is news. */
  private async showHistory(run: MonitoredRun, force: boolean): Promise<void> {
    if (!this.isCurrent(run) || run.live) return;
    const version = await runDbVersion(run.runDir);
    const changed = version !== run.historyVersion;
    const workflow = { owner: this.options.owner, name: run.name };
    if (changed) {
      try {
        run.history.loadEntire(
          version === NO_RUN_DB ? emptyRunHistory(workflow) : readRunHistory(run.runDir, workflow, this.options.snapshotLimits),
        );
        run.historyVersion = version;
        run.lastProblem.history = undefined;
      } catch (err) {
        // historyVersion stays as it was, so the next scan tries again (a scheduler may have held the lock).
        this.logProblemOnce(run, 'history', 'warn', `${run.id}: cannot read the run database: ${errorMessage(err)}`);
        if (run.historyVersion === undefined && run.history.workflow === undefined) run.history.loadEntire(emptyRunHistory(workflow));
        if (!force && run.announced) return;
      }
    }
    if (!this.isCurrent(run) || run.live) return;
    if (force || changed || !run.announced) this.announce(run, resetChange(run.id));
  }

  private remove(run: MonitoredRun): void {
    this.runs.delete(run.id);
    const connection = run.connection;
    run.connection = undefined;
    if (connection !== undefined) void connection.close();
    this.log('info', `${run.id}: removed from ${this.options.cylcRun}`, { workflowId: run.id });
    if (run.announced) this.emit('change', resetChange(run.id, true));
  }

  /** Emits a change under the monitor's ID for the run; the first one says the run appeared. */
  private announce(run: MonitoredRun, change: WorkflowChange): void {
    const first = !run.announced;
    run.announced = true;
    this.emit('change', { ...change, workflowId: run.id, ...(first ? { removed: false } : {}) });
  }

  private log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    this.emit('log', { level, message, fields });
  }
}
