/**
 * Everything that talks to the owner's Cylc schedulers, wired together: the
 * workflow monitor (one store per workflow, kept from deltas), GraphQL over
 * HTTP and websocket, job logs, and `cylc play`. Reads are answered from the
 * stores; only mutations reach a scheduler.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WorkflowMonitor } from '@isobar/cylc-client';
import type { HubFetch } from '@isobar/hub-client';
import type { RequestHandler } from 'express';
import { createAuthorization, type Authorization } from './authz';
import type { UiServerConfig } from './config';
import { WorkflowControl } from './control/play';
import type * as GraphQLModule from './graphql';
import type { GraphQLService, LiveUpdates } from './graphql';
import type { IdleTracker } from './idle';
import type { Logger } from './log';
import { createLogHandlers, logRoutes, type LogHandlers } from './logs';

export interface CylcSideDeps {
  readonly config: UiServerConfig;
  readonly log: Logger;
  readonly tracker: IdleTracker;
  readonly onActivity: () => void;
  /** How hub-service is reached (grant key, roles, audit). */
  readonly fetch: HubFetch;
}

/** What `api/status` tells about the Cylc side. */
export interface CylcStatus {
  readonly workflows: { readonly running: number; readonly stopped: number; readonly loadedAfterMs: number | null };
  readonly liveSockets: number;
  readonly logFollows: number;
}

/** The GraphQL side, built on first use (see `graphqlParts`). */
interface GraphQLParts {
  readonly service: GraphQLService;
  readonly live: LiveUpdates;
  readonly http: RequestHandler;
}

export class CylcSide {
  readonly monitor: WorkflowMonitor;
  private readonly logs: LogHandlers;
  private readonly control: WorkflowControl;
  readonly authorization: Authorization;
  private parts: GraphQLParts | undefined;
  private loadedAfterMs: number | null = null;

  constructor(private readonly deps: CylcSideDeps) {
    const { config, log } = deps;
    this.monitor = new WorkflowMonitor({ cylcRun: config.cylcRun, owner: config.owner });
    this.monitor.on('log', (entry) => {
      if (entry.level === 'debug') return;
      log[entry.level](entry.message, logFields(entry.fields));
    });
    this.control = new WorkflowControl({ cylcCommand: config.cylcCommand });
    this.authorization = createAuthorization({
      config,
      log,
      fetch: deps.fetch,
      workflowIds: () => this.monitor.list().map((workflow) => workflow.id),
    });
    this.logs = createLogHandlers({ cylcRun: config.cylcRun, owner: config.owner, onActivity: deps.onActivity, log });
  }

  /**
   * GraphQL (the `graphql` package, the schema, live updates) is loaded at
   * the first request that needs it: a server that nobody has asked for
   * data yet stays small (about 10 MB less).
   */
  private graphqlParts(): GraphQLParts {
    if (this.parts) return this.parts;
    const { log, tracker, onActivity } = this.deps;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
    const graphql = require('./graphql') as typeof GraphQLModule;
    const authorizer = this.authorization.authorizer;
    const service = new graphql.GraphQLService({ source: this.monitor, authorizer, control: this.control, log });
    const live = new graphql.LiveUpdates({
      service,
      log,
      visitorClass: (visitor) => authorizer.visitorClass(visitor),
      onOpen: () => {
        tracker.connectionOpened();
        onActivity();
      },
      onClose: () => tracker.connectionClosed(),
    });
    this.parts = { service, live, http: graphql.graphqlHttpHandler({ service }) };
    return this.parts;
  }

  /** Starts watching `~/cylc-run`; the server answers meanwhile, so this is not awaited before listening. */
  start(startedAt: number): void {
    this.monitor.start().then(
      () => {
        this.loadedAfterMs = Date.now() - startedAt;
        const { running, stopped } = this.counts();
        this.deps.log.info('workflows loaded', { running, stopped, ms: this.loadedAfterMs });
      },
      (err: unknown) => this.deps.log.error('cannot watch workflows', { error: err instanceof Error ? err.message : String(err) }),
    );
  }

  /** Signed-in HTTP handlers: `graphql`, `api/permissions`, `api/access` and `api/logs/*`. */
  handlers(): RequestHandler[] {
    const graphqlRoute: RequestHandler = (req, res, next) => {
      if (res.locals.relPath === 'graphql') this.graphqlParts().http(req, res, next);
      else next();
    };
    return [graphqlRoute, this.authorization.permissionsHandler(), this.authorization.accessHandler(), logRoutes(this.logs)];
  }

  /** The `graphql` websocket, once the visitor is authenticated. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, visitor: string): void {
    const live = this.graphqlParts().live;
    // The visitor's roles are known before the first subscription decides what they may read.
    this.authorization.prepare(visitor).then(
      () => {
        if (socket.destroyed) return;
        live.handleUpgrade(req, socket, head, visitor);
      },
      (err: unknown) => {
        this.deps.log.warn('cannot prepare a graphql websocket', { visitor, error: err instanceof Error ? err.message : String(err) });
        socket.destroy();
      },
    );
  }

  mayActAtAll(visitor: string): boolean {
    return this.authorization.mayActAtAll(visitor);
  }

  status(): CylcStatus {
    return {
      workflows: { ...this.counts(), loadedAfterMs: this.loadedAfterMs },
      liveSockets: this.parts?.live.openCount ?? 0,
      logFollows: this.logs.openFollows(),
    };
  }

  async stop(graceMs: number): Promise<void> {
    await Promise.all([this.parts?.live.closeAll(1001, 'server shutting down', graceMs), this.logs.closeAll()]);
    await Promise.all([this.monitor.close(), this.authorization.stop()]);
  }

  private counts(): { running: number; stopped: number } {
    const all = this.monitor.list();
    const running = all.filter((w) => w.live).length;
    return { running, stopped: all.length - running };
  }
}

/** The monitor's fields as the logger takes them: scalars as they are, anything else as JSON. */
function logFields(fields: Readonly<Record<string, unknown>>): Record<string, string | number | boolean | undefined> {
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === undefined
        ? value
        : JSON.stringify(value);
  }
  return out;
}
