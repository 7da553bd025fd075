/**
 * One `graphql` websocket: the graphql-transport-ws handshake and message
 * rules, the message-rate limit, and backpressure toward a slow client.
 * What an operation does is up to the OperationStarter; this class only
 * keeps track of which are open.
 */
import type { GraphQLFormattedError } from 'graphql';
import { WebSocket, type RawData } from 'ws';
import type { Logger } from '../log';
import { TokenBucket } from '../ratelimit';
import type { LiveCounters, LiveLimits } from './live-limits';
import { CloseCode, closeReason, parseClientMessage, type SubscribePayload } from './protocol';

export interface LiveOperation {
  stop(): void;
  /** The client caught up after being skipped: send it everything again. */
  resync?(): void;
}

export interface OperationStarter {
  /** Starts a checked `subscribe`; undefined when it already ended (its `error` was sent). */
  start(connection: LiveConnection, id: string, payload: SubscribePayload): LiveOperation | undefined;
}

export interface LiveConnectionDeps {
  readonly visitor: string;
  readonly visitorClass: string;
  readonly limits: LiveLimits;
  readonly counters: LiveCounters;
  readonly starter: OperationStarter;
  readonly onClosed: (connection: LiveConnection) => void;
  readonly log?: Logger | undefined;
}

/** How long a peer that was told to close may take before it is cut off. */
const CLOSE_GRACE_MS = 1000;

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

export class LiveConnection {
  readonly visitor: string;
  readonly visitorClass: string;
  private readonly operations = new Map<string, LiveOperation>();
  private readonly bucket: TokenBucket;
  private initialised = false;
  private closing = false;
  /** Behind: deltas are skipped until the queue drains. */
  private lagging = false;
  /** Cleared at each ping, set by the pong. */
  private alive = true;
  private initTimer: NodeJS.Timeout | undefined;
  private drainTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: LiveConnectionDeps,
  ) {
    this.visitor = deps.visitor;
    this.visitorClass = deps.visitorClass;
    this.bucket = new TokenBucket(deps.limits.burst, deps.limits.perSecond);
    this.initTimer = setTimeout(
      () => this.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout'),
      deps.limits.initTimeoutMs,
    );
    ws.on('message', (data) => this.onMessage(data));
    ws.on('pong', () => (this.alive = true));
    ws.on('error', (err) => deps.log?.warn('graphql websocket error', { visitor: this.visitor, error: err.message }));
    ws.on('close', () => this.onClose());
  }

  get operationCount(): number {
    return this.operations.size;
  }

  /** Whether the operation is still open (not completed by either side). */
  isOpen(id: string): boolean {
    return this.operations.has(id);
  }

  /** The operation ended on the server's side (its last message is being sent). */
  finish(id: string): void {
    this.operations.delete(id);
  }

  /**
   * A subscription's message: `payloadJson` is the execution result, shared
   * by every subscriber of the same document, so only the frame around it is
   * built here. False when skipped because the client is behind.
   */
  sendNext(id: string, payloadJson: string): boolean {
    return this.deliver(`{"id":${JSON.stringify(id)},"type":"next","payload":${payloadJson}}`, true);
  }

  /** A query's or mutation's one result: never skipped, since nothing would resend it. */
  sendResult(id: string, payloadJson: string): void {
    this.deliver(`{"id":${JSON.stringify(id)},"type":"next","payload":${payloadJson}}`, false);
  }

  sendComplete(id: string): void {
    this.sendMessage({ id, type: 'complete' });
  }

  sendError(id: string, errors: readonly GraphQLFormattedError[]): void {
    this.operations.delete(id);
    this.sendMessage({ id, type: 'error', payload: errors });
  }

  /** One ping round: a socket that did not answer the last one is gone. */
  heartbeat(): void {
    if (!this.alive) {
      this.deps.log?.info('dropping a graphql websocket that stopped answering pings', { visitor: this.visitor });
      this.ws.terminate();
      return;
    }
    this.alive = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.ws.close(code, closeReason(reason));
    // Do not wait on a peer that may never read the close frame.
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** Resolves once the socket has closed. */
  closed(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }

  terminate(): void {
    this.ws.terminate();
  }

  private sendMessage(message: object): void {
    this.deliver(JSON.stringify(message), false);
  }

  private deliver(frame: string, skippable: boolean): boolean {
    if (this.closing || this.ws.readyState !== WebSocket.OPEN) return false;
    if (skippable && (this.lagging || this.ws.bufferedAmount > this.deps.limits.skipBufferedBytes)) {
      this.deps.counters.framesSkipped++;
      if (!this.lagging) this.fallBehind();
      return false;
    }
    this.ws.send(frame);
    const buffered = this.ws.bufferedAmount;
    if (buffered > this.deps.counters.peakBufferedBytes) this.deps.counters.peakBufferedBytes = buffered;
    if (buffered > this.deps.limits.closeBufferedBytes) {
      this.deps.log?.warn('closing a graphql websocket that is too far behind', { visitor: this.visitor, buffered });
      this.close(CloseCode.TryAgainLater, 'too far behind');
    }
    return true;
  }

  private fallBehind(): void {
    this.lagging = true;
    this.deps.log?.info('graphql websocket behind; skipping its deltas until it drains', { visitor: this.visitor });
    // ws has no drain event of its own; its queue is checked instead.
    this.drainTimer = setInterval(() => {
      if (this.ws.bufferedAmount > this.deps.limits.skipBufferedBytes / 4) return;
      clearInterval(this.drainTimer);
      this.drainTimer = undefined;
      this.lagging = false;
      for (const operation of [...this.operations.values()]) operation.resync?.();
    }, this.deps.limits.drainCheckMs);
    this.drainTimer.unref();
  }

  private onMessage(data: RawData): void {
    if (this.closing) return;
    if (!this.bucket.take()) {
      this.deps.log?.warn('closing a graphql websocket that sends too many messages', { visitor: this.visitor });
      this.close(CloseCode.TooManyMessages, 'too many messages');
      return;
    }
    const parsed = parseClientMessage(rawText(data));
    if (!parsed.ok) {
      this.close(CloseCode.BadRequest, parsed.reason);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'connection_init':
        if (this.initialised) {
          this.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
          return;
        }
        this.initialised = true;
        clearTimeout(this.initTimer);
        this.sendMessage({ type: 'connection_ack' });
        return;
      case 'ping':
        this.sendMessage({ type: 'pong' });
        return;
      case 'pong':
        return;
      case 'subscribe':
        this.subscribe(message.id, message.payload);
        return;
      case 'complete': {
        const operation = this.operations.get(message.id);
        this.operations.delete(message.id);
        operation?.stop();
        return;
      }
    }
  }

  private subscribe(id: string, payload: SubscribePayload): void {
    if (!this.initialised) {
      this.close(CloseCode.Unauthorized, 'Unauthorized');
      return;
    }
    if (this.operations.has(id)) {
      this.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
      return;
    }
    const max = this.deps.limits.maxOperations;
    if (this.operations.size >= max) {
      this.sendMessage({ id, type: 'error', payload: [{ message: `Too many operations on this socket (at most ${max}).` }] });
      return;
    }
    const operation = this.deps.starter.start(this, id, payload);
    if (operation === undefined) return;
    if (this.closing) operation.stop();
    else this.operations.set(id, operation);
  }

  private onClose(): void {
    this.closing = true;
    clearTimeout(this.initTimer);
    clearInterval(this.drainTimer);
    for (const operation of this.operations.values()) operation.stop();
    this.operations.clear();
    this.deps.onClosed(this);
  }
}
