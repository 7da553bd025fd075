/**
 * One connection to one running scheduler (one contact file: UUID, pid and
 * ports; a restart keeps the UUID but not the rest), keeping a
 * WorkflowStore in step with it the way Cylc's own UI server does:
 *
 * 1. the SUB subscriber is opened first and its events are buffered;
 * 2. `pb_entire_workflow` is loaded into the store (a reset change);
 * 3. buffered, then later, `all` deltas are applied in order; after each,
 *    every type whose checksum does not match is fetched again with
 *    `pb_data_elements` and replaced (a resync). Deltas wait while a resync
 *    runs, so resyncs of a type never overlap and the deltas that arrived
 *    meanwhile are checked against the fetched state (those older than it
 *    are skipped as stale): one resync answers every mismatch up to its
 *    reply. A type that cannot be fetched `resyncAttempts` times in a row,
 *    and an undecodable message, make the whole workflow be fetched again.
 *
 * It ends ('ended' event, then for good) on the `shutdown` topic, when the
 * contact file goes or names another scheduler, when the scheduler's process is
 * gone (checked when it runs on this host), when the whole workflow cannot
 * be fetched, or on `close()`.
 */
import { EventEmitter } from 'node:events';
import { applyDeltasWithChange, isEmptyChange, replaceTypeWithChange, resetChange, type WorkflowChange } from './change';
import { openSchedulerChannels, type OpenChannelsOptions, type SchedulerChannels } from './channels';
import type { ContactInfo } from './contact';
import type { ElementType } from './data-messages';
import { WorkflowNotRunningError } from './errors';
import { errorMessage } from './fs-util';
import { checkLiveness } from './liveness';
import { isLocalHost } from './local-host';
import type { GraphQLData, JsonObject } from './message';
import { fetchDataElements, fetchEntireWorkflow } from './pb-requests';
import { WorkflowStore } from './store';
import type { SubscriberEvent } from './subscriber';

export type ConnectionState = 'connecting' | 'live' | 'ended';

/** Why a connection ended: the scheduler said so, it went away, talking to it failed, or `close()`. */
export type EndCause = 'shutdown' | 'gone' | 'failed' | 'closed';

export interface ConnectionEnded {
  readonly cause: EndCause;
  readonly reason: string;
}

/** A resync began: `all` is a fetch of the entire workflow. */
export interface ConnectionResync {
  readonly type: ElementType | 'all';
  readonly reason: string;
}

export interface WorkflowConnectionEvents {
  change: [WorkflowChange];
  resync: [ConnectionResync];
  ended: [ConnectionEnded];
}

export interface WorkflowConnectionOptions extends OpenChannelsOptions {
  /** `meta.auth_user` of the connection's own requests (snapshot, resyncs); default the contact file's owner. */
  readonly authUser?: string;
  /** How often to check the contact file and the scheduler's pid (default 2000 ms). */
  readonly livenessIntervalMs?: number;
  /** Failed `pb_data_elements` requests for one type before the entire workflow is fetched instead (default 3). */
  readonly resyncAttempts?: number;
}

export const DEFAULT_LIVENESS_INTERVAL_MS = 2000;
export const DEFAULT_RESYNC_ATTEMPTS = 3;

export class WorkflowConnection extends EventEmitter<WorkflowConnectionEvents> {
  /** The scheduler's data, kept current while `state` is 'live'. */
  readonly store = new WorkflowStore();
  readonly contact: ContactInfo;
  /** `~owner/name`, the scheduler's own workflow ID. */
  readonly workflowId: string;
  private readonly authUser: string;
  private readonly livenessIntervalMs: number;
  private readonly resyncAttempts: number;
  private currentState: ConnectionState = 'connecting';
  private ending: ConnectionEnded | undefined;
  private connectCalled = false;
  private listening: Promise<void> | undefined;
  private readonly pending: SubscriberEvent[] = [];
  private draining = false;
  private readonly resyncs = new Map<ElementType, Promise<void>>();
  private reload: Promise<void> | undefined;
  private livenessTimer: NodeJS.Timeout | undefined;
  private schedulerIsLocal: boolean | undefined;

  /** Opens the sockets of `runDir`'s scheduler and connects (resolves once the snapshot is loaded). */
  static async open(runDir: string, options: WorkflowConnectionOptions = {}): Promise<WorkflowConnection> {
    const connection = new WorkflowConnection(runDir, await openSchedulerChannels(runDir, options), options);
    await connection.connect();
    return connection;
  }

  /** Takes over `channels` (closed when the connection ends); call `connect()` after adding listeners. */
  constructor(
    readonly runDir: string,
    private readonly channels: SchedulerChannels,
    options: WorkflowConnectionOptions = {},
  ) {
    super();
    this.contact = channels.contact;
    this.workflowId = `~${channels.contact.owner}/${channels.contact.workflowId}`;
    this.authUser = options.authUser ?? channels.contact.owner;
    this.livenessIntervalMs = options.livenessIntervalMs ?? DEFAULT_LIVENESS_INTERVAL_MS;
    this.resyncAttempts = Math.max(1, options.resyncAttempts ?? DEFAULT_RESYNC_ATTEMPTS);
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Why it ended, once it has. */
  get ended(): ConnectionEnded | undefined {
    return this.ending;
  }

  /**
   * Starts listening, loads the entire workflow (emitting a reset change)
   * and then applies deltas. Rejects, with the connection ended, if the
   * snapshot cannot be fetched (the request timeout bounds the wait).
   */
  async connect(): Promise<void> {
    if (this.connectCalled) throw new Error(`${this.workflowId}: connect() called twice`);
    this.connectCalled = true;
    this.listening = this.listen();
    try {
      const [whole, local] = await Promise.all([
        fetchEntireWorkflow(this.channels.requests, this.authUser),
        isLocalHost(this.contact.host),
      ]);
      if (this.ending !== undefined) throw new WorkflowNotRunningError(`${this.workflowId}: ${this.ending.reason}`);
      this.schedulerIsLocal = local;
      this.store.loadEntire(whole);
    } catch (err) {
      this.end('failed', `cannot load the workflow: ${errorMessage(err)}`);
      throw err;
    }
    this.currentState = 'live';
    this.emit('change', resetChange(this.workflowId));
    this.scheduleLivenessCheck();
    void this.drain();
  }

  /** Forwards a GraphQL document to the scheduler, `meta.auth_user` = `authUser`. */
  async graphql(query: string, variables: JsonObject, authUser: string): Promise<GraphQLData> {
    this.assertNotEnded();
    return this.channels.requests.graphql(query, variables, authUser);
  }

  /** Sends any other command to the scheduler (raw reply). */
  async request(command: string, args: JsonObject, authUser: string): Promise<Buffer> {
    this.assertNotEnded();
    return this.channels.requests.request(command, args, authUser);
  }

  /** Ends the connection (cause 'closed') and waits for its listener to stop. */
  async close(): Promise<void> {
    this.end('closed', 'closed');
    await this.listening;
  }

  private assertNotEnded(): void {
    if (this.ending !== undefined) throw new WorkflowNotRunningError(`${this.workflowId}: connection ended (${this.ending.reason})`);
  }

  private end(cause: EndCause, reason: string): void {
    if (this.ending !== undefined) return;
    this.ending = { cause, reason };
    this.currentState = 'ended';
    clearTimeout(this.livenessTimer);
    this.pending.length = 0;
    this.channels.deltas.close();
    this.channels.requests.close();
    this.emit('ended', this.ending);
  }

  private async listen(): Promise<void> {
    try {
      for await (const event of this.channels.deltas) {
        if (this.ending !== undefined) return;
        // Handled at once, not queued: pending deltas and resyncs of a scheduler that is going away do not matter.
        if (event.kind === 'shutdown') {
          this.end('shutdown', `scheduler shut down${event.reason === '' ? '' : `: ${event.reason}`}`);
          return;
        }
        this.pending.push(event);
        void this.drain();
      }
      this.end('failed', 'the subscription ended');
    } catch (err) {
      this.end('failed', `the subscription failed: ${errorMessage(err)}`);
    }
  }

  /** Handles queued events one at a time, in order, once the snapshot is loaded. */
  private async drain(): Promise<void> {
    if (this.draining || this.currentState !== 'live') return;
    this.draining = true;
    try {
      for (let event = this.pending.shift(); event !== undefined && this.currentState === 'live'; event = this.pending.shift()) {
        await this.handle(event);
      }
    } catch (err) {
      // A listener threw: the store may be half-reported, so stop rather than go on silently wrong.
      this.end('failed', `internal error: ${errorMessage(err)}`);
    } finally {
      this.draining = false;
    }
  }

  private async handle(event: SubscriberEvent): Promise<void> {
    if (event.kind === 'invalid') {
      await this.reloadEntire(`undecodable message on topic ${JSON.stringify(event.topic)}: ${event.error}`);
      return;
    }
    if (event.kind !== 'deltas') return;
    const { result, change } = applyDeltasWithChange(this.store, this.workflowId, event.deltas);
    if (!isEmptyChange(change)) this.emit('change', change);
    await Promise.all(result.mismatched.map((type) => this.resync(type, 'checksum mismatch')));
  }

  /** Fetches and replaces one type; joins a resync of that type already running. */
  private resync(type: ElementType, reason: string): Promise<void> {
    const running = this.resyncs.get(type);
    if (running !== undefined) return running;
    const done = this.resyncType(type, reason).finally(() => this.resyncs.delete(type));
    this.resyncs.set(type, done);
    return done;
  }

  private async resyncType(type: ElementType, reason: string): Promise<void> {
    this.emit('resync', { type, reason });
    let lastError = '';
    for (let attempt = 1; attempt <= this.resyncAttempts; attempt++) {
      let reply;
      try {
        reply = await fetchDataElements(this.channels.requests, type, this.authUser);
      } catch (err) {
        if (this.currentState !== 'live') return;
        lastError = errorMessage(err);
        continue;
      }
      if (this.currentState !== 'live') return;
      const change = replaceTypeWithChange(this.store, this.workflowId, type, reply.added ?? [], reply.time);
      if (!isEmptyChange(change)) this.emit('change', change);
      return;
    }
    await this.reloadEntire(`resync of ${type} failed ${this.resyncAttempts} times (${lastError})`);
  }

  /** Fetches the entire workflow again (a reset change); joins a reload already running. */
  private reloadEntire(reason: string): Promise<void> {
    this.reload ??= this.fetchEntire(reason).finally(() => {
      this.reload = undefined;
    });
    return this.reload;
  }

  private async fetchEntire(reason: string): Promise<void> {
    this.emit('resync', { type: 'all', reason });
    let whole;
    try {
      whole = await fetchEntireWorkflow(this.channels.requests, this.authUser);
    } catch (err) {
      this.end('failed', `cannot fetch the workflow again after ${reason}: ${errorMessage(err)}`);
      return;
    }
    if (this.currentState !== 'live') return;
    this.store.loadEntire(whole);
    this.emit('change', resetChange(this.workflowId));
  }

  private scheduleLivenessCheck(): void {
    this.livenessTimer = setTimeout(() => void this.checkLiveness(), this.livenessIntervalMs);
    // The sockets keep a process alive while it listens; this timer alone should not.
    this.livenessTimer.unref();
  }

  private async checkLiveness(): Promise<void> {
    // checkLiveness reports what it can decide; anything unexpected is not proof the scheduler is gone.
    const liveness = await checkLiveness(this.runDir, this.contact, this.schedulerIsLocal).catch(() => ({ alive: true }) as const);
    if (this.currentState !== 'live') return;
    if (!liveness.alive) this.end('gone', liveness.reason);
    else this.scheduleLivenessCheck();
  }
}
