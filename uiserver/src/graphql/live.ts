/**
 * The `graphql` websocket: graphql-transport-ws, with `deltas`
 * subscriptions fed from the workflow stores (DeltaFeed) and queries and
 * mutations answered once, as over HTTP. Authentication is the caller's:
 * `handleUpgrade` receives the visitor it established.
 */
import type { JsonObject } from '@isobar/cylc-client';
import {
  executeSync,
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log';
import { DeltaFeed } from './delta-feed';
import type { DeltaRoot } from './delta-payload';
import { compileWorkflowFilter } from './filters';
import { LiveConnection, type LiveOperation, type OperationStarter } from './live-connection';
import { DEFAULT_LIVE_LIMITS, type LiveCounters, type LiveLimits } from './live-limits';
import { LiveSubscription, subscriptionKey } from './live-subscription';
import { CloseCode, GRAPHQL_TRANSPORT_WS, type SubscribePayload } from './protocol';
import { rootFields } from './root-fields';
import { formatErrors, type GraphQLService } from './service';

export interface LiveUpdatesOptions {
  readonly service: GraphQLService;
  readonly log?: Logger;
  readonly limits?: Partial<LiveLimits>;
  /**
   * Visitors of one class see the same data, so share executions. By
   * default the service's authorizer says (a class per set of readable
   * workflows); each subscriber is still checked per workflow.
   */
  readonly visitorClass?: (visitor: string) => string;
  /** Called as each socket opens and closes: an open socket keeps the server alive, as an open page does. */
  readonly onOpen?: () => void;
  readonly onClose?: () => void;
}

export interface LiveStats extends LiveCounters {
  readonly openSockets: number;
  readonly subscriptions: number;
  /** Subscription documents executed (once per burst and distinct key, not per subscriber). */
  readonly executions: number;
}

type Started = { readonly ok: true; readonly operation: LiveOperation } | { readonly ok: false; readonly errors: GraphQLFormattedError[] };

function failed(message: string): Started {
  return { ok: false, errors: [{ message }] };
}

export class LiveUpdates implements OperationStarter {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<LiveConnection>();
  private readonly feed: DeltaFeed<LiveSubscription>;
  private readonly limits: LiveLimits;
  private readonly counters: LiveCounters = { framesSkipped: 0, peakBufferedBytes: 0 };
  private readonly pingTimer: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly options: LiveUpdatesOptions) {
    this.limits = { ...DEFAULT_LIVE_LIMITS, ...options.limits };
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxPayloadBytes,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(GRAPHQL_TRANSPORT_WS) ? GRAPHQL_TRANSPORT_WS : false),
    });
    this.feed = new DeltaFeed(options.service.source, (subscriber, root) => this.executeDeltas(subscriber, root), this.limits.coalesceMs);
    this.pingTimer = setInterval(() => {
      for (const connection of this.connections) connection.heartbeat();
    }, this.limits.pingIntervalMs);
    this.pingTimer.unref();
  }

  get openCount(): number {
    return this.connections.size;
  }

  stats(): LiveStats {
    return {
      ...this.counters,
      openSockets: this.connections.size,
      subscriptions: this.feed.subscriberCount,
      executions: this.feed.executions,
    };
  }

  /** Completes the websocket handshake of an already authenticated request. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, visitor: string): void {
    if (this.closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, visitor));
  }

  /** Closes every socket with `code`, waiting up to `graceMs` for them to go; no new ones are accepted. */
  async closeAll(code: number = CloseCode.GoingAway, reason = 'server shutting down', graceMs = 500): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    this.feed.close();
    const connections = [...this.connections];
    for (const connection of connections) connection.close(code, reason);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(connections.map((c) => c.closed())), grace]);
    clearTimeout(timer);
    for (const connection of this.connections) connection.terminate();
    this.wss.close();
  }

  start(connection: LiveConnection, id: string, payload: SubscribePayload): LiveOperation | undefined {
    const started = this.startOperation(connection, id, payload);
    if (started.ok) return started.operation;
    connection.sendError(id, started.errors);
    return undefined;
  }

  private accept(ws: WebSocket, visitor: string): void {
    if (this.closing) {
      ws.close(CloseCode.GoingAway, 'server shutting down');
      return;
    }
    if (ws.protocol !== GRAPHQL_TRANSPORT_WS) {
      ws.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
      return;
    }
    const connection = new LiveConnection(ws, {
      visitor,
      visitorClass: (this.options.visitorClass ?? ((v: string) => this.options.service.authorizer.visitorClass(v)))(visitor),
      limits: this.limits,
      counters: this.counters,
      starter: this,
      log: this.options.log,
      onClosed: (closed) => {
        if (!this.connections.delete(closed)) return;
        this.options.log?.info('graphql websocket closed', { visitor, open: this.connections.size });
        this.options.onClose?.();
      },
    });
    this.connections.add(connection);
    this.options.log?.info('graphql websocket opened', { visitor, open: this.connections.size });
    this.options.onOpen?.();
  }

  private startOperation(connection: LiveConnection, id: string, payload: SubscribePayload): Started {
    const service = this.options.service;
    const prepared = service.prepare(payload.query);
    if (!prepared.ok) return { ok: false, errors: formatErrors(prepared.errors) };
    const choice = service.chooseOperation(prepared.document, payload.operationName);
    if (!choice.ok) return failed(choice.message);
    if (choice.operation.operation === 'subscription') {
      return this.subscribe(connection, id, prepared.document, choice.operation, payload);
    }
    return { ok: true, operation: this.answerOnce(connection, id, payload) };
  }

  private subscribe(
    connection: LiveConnection,
    id: string,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    payload: SubscribePayload,
  ): Started {
    const schema = this.options.service.schema;
    const variables: JsonObject = payload.variables ?? {};
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors !== undefined) return { ok: false, errors: formatErrors(coerced.errors) };
    const [field] = rootFields(document, operation, coerced.coerced);
    const definition = field === undefined ? undefined : schema.getSubscriptionType()?.getFields()[field.name.value];
    if (field === undefined || definition === undefined) return failed('A subscription must select deltas.');
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, field, coerced.coerced);
    } catch (err) {
      if (err instanceof GraphQLError) return { ok: false, errors: formatErrors([err]) };
      throw err;
    }
    const operationName = operation.name?.value;
    const authorizer = this.options.service.authorizer;
    const visitor = connection.visitor;
    const subscription = new LiveSubscription(
      connection,
      id,
      { document, operationName, variables, visitor: connection.visitor },
      subscriptionKey(payload.query, variables, operationName, connection.visitorClass),
      compileWorkflowFilter(args['workflows'] as readonly (string | null)[] | null | undefined, undefined),
      (workflowId) => authorizer.mayRead(visitor, workflowId),
    );
    this.feed.add(subscription);
    return {
      ok: true,
      operation: { stop: () => this.feed.remove(subscription), resync: () => this.feed.resync(subscription) },
    };
  }

  /** A query or mutation: one result (or error), then complete, as graphql-ws expects. */
  private answerOnce(connection: LiveConnection, id: string, payload: SubscribePayload): LiveOperation {
    let stopped = false;
    const grant = payload.extensions?.['grant'];
    this.options.service.run(payload, connection.visitor, typeof grant === 'string' && grant !== '' ? grant : undefined).then(
      (answer) => {
        if (stopped || !connection.isOpen(id)) return;
        if (answer.status !== 200) {
          connection.sendError(id, answer.body.errors ?? []);
          return;
        }
        connection.finish(id);
        connection.sendResult(id, JSON.stringify(answer.body));
        connection.sendComplete(id);
      },
      (err: unknown) => {
        this.options.log?.error('graphql websocket operation failed', { error: err instanceof Error ? err.message : String(err) });
        if (!stopped && connection.isOpen(id)) connection.sendError(id, [{ message: 'Internal error.' }]);
      },
    );
    return { stop: () => (stopped = true) };
  }

  private executeDeltas(subscription: LiveSubscription, root: DeltaRoot): string | undefined {
    const { document, operationName, variables, visitor } = subscription.execution;
    try {
      const result = executeSync({
        schema: this.options.service.schema,
        document,
        operationName,
        rootValue: { deltas: root },
        contextValue: this.options.service.context(visitor, {
          mayRead: (workflowId) => this.options.service.authorizer.mayRead(visitor, workflowId),
        }),
        variableValues: variables,
      });
      return JSON.stringify(result.errors ? { data: result.data, errors: formatErrors(result.errors) } : { data: result.data });
    } catch (err) {
      this.options.log?.error('deltas execution failed', { workflow: root.id, error: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  }
}
