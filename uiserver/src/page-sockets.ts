import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { UiServerConfig } from './config';
import type { IdleTracker } from './idle';
import type { Logger } from './log';
import { TokenBucket } from './ratelimit';
import { foreignOrigin } from './same-origin';
import { hubSessionId, sessionIds } from './session-cookie';
import type { Session } from './sessions';
import type { SessionVerifier } from './verifier';

export interface SocketLimits {
  /** Larger messages close the socket (1009): pages send tiny JSON. */
  readonly maxPayloadBytes: number;
  /** Message rate: `burst` at once, `perSecond` sustained; beyond it the socket is closed (1008). */
  readonly burst: number;
  readonly perSecond: number;
  /** Open pages per session and in total; more are refused with 429. */
  readonly perSession: number;
  readonly total: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = { maxPayloadBytes: 4096, burst: 20, perSecond: 5, perSession: 32, total: 1024 };

/** Close codes the page understands (4xxx are application codes). */
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_ACCESS_WITHDRAWN = 4403;

export interface PageSocketsDeps {
  readonly config: UiServerConfig;
  readonly verifier: SessionVerifier;
  readonly tracker: IdleTracker;
  readonly onActivity: () => void;
  readonly hubVersion: () => string | undefined;
  readonly log: Logger;
  readonly limits?: SocketLimits;
  /** Takes over an authenticated `<prefix>graphql` upgrade (live updates); without it that path is 404. */
  readonly graphqlUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer, visitor: string) => void;
}

interface PageState {
  readonly sessionId: string;
  readonly visitor: string;
  readonly bucket: TokenBucket;
  /** Cleared at each ping, set by the pong: a page that misses one round is gone. */
  alive: boolean;
}

/**
 * The websockets of open pages at `<prefix>api/ws`, and the gate of the
 * live-update sockets at `<prefix>graphql` (same authentication). An open page keeps the
 * server alive (IdleTracker); ping/pong finds pages whose browser vanished
 * without closing, so they cannot pin the server forever.
 */
export class PageSockets {
  private readonly wss: WebSocketServer;
  private readonly pages = new Map<WebSocket, PageState>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly limits: SocketLimits;
  private readonly wsPath: string;
  private readonly graphqlPath: string;
  private closing = false;

  constructor(private readonly deps: PageSocketsDeps) {
    this.limits = deps.limits ?? DEFAULT_SOCKET_LIMITS;
    this.wsPath = `${deps.config.prefix}api/ws`;
    this.graphqlPath = `${deps.config.prefix}graphql`;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxPayloadBytes, perMessageDeflate: false });
    const pingMs = Math.min(30_000, Math.max(1_000, deps.config.keepaliveSeconds * 1000));
    this.pingTimer = setInterval(() => this.pingAll(), pingMs);
  }

  get openCount(): number {
    return this.pages.size;
  }

  /** The HTTP server's 'upgrade' event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A reset during authentication must not become an uncaught error.
    socket.on('error', () => undefined);
    this.authorise(req, socket, head).catch((err: unknown) => {
      this.deps.log.error('websocket upgrade failed', { error: err instanceof Error ? err.message : String(err) });
      this.reject(socket, 500, 'INTERNAL', 'Internal error.');
    });
  }

  /** Close every page with `code` and wait up to `graceMs` for them to go. */
  async closeAll(code: number, reason: string, graceMs: number): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    const closed = [...this.pages.keys()].map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.close(code, reason);
        }),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const ws of this.pages.keys()) ws.terminate();
    this.wss.close();
  }

  private async authorise(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const graphqlUpgrade = path === this.graphqlPath ? this.deps.graphqlUpgrade : undefined;
    if (path !== this.wsPath && graphqlUpgrade === undefined) return this.reject(socket, 404, 'NOT_FOUND', 'Not found.');
    if (this.closing) return this.reject(socket, 503, 'SHUTTING_DOWN', 'The server is shutting down.');
    if (foreignOrigin(req) !== undefined) return this.reject(socket, 403, 'BAD_ORIGIN', 'Cross-origin websocket refused.');
    const verdict = await this.deps.verifier.verifyRequest(sessionIds(req), hubSessionId(req));
    if (verdict.kind === 'none') return this.reject(socket, 401, 'NOT_AUTHENTICATED', 'Sign in through the hub first.');
    if (verdict.kind === 'forbidden') return this.reject(socket, 403, 'NO_ACCESS', 'No access to this server.');
    const session = verdict.session;
    if (graphqlUpgrade !== undefined) {
      // Live-update sockets have their own limits (LiveUpdates); the page limits are for pages.
      if (!socket.destroyed) graphqlUpgrade(req, socket, head, session.visitor);
      return;
    }
    const ofSession = [...this.pages.values()].filter((p) => p.sessionId === session.id).length;
    if (ofSession >= this.limits.perSession || this.pages.size >= this.limits.total) {
      return this.reject(socket, 429, 'TOO_MANY_PAGES', 'Too many open pages.');
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, session));
  }

  private accept(ws: WebSocket, session: Session): void {
    if (this.closing) {
      ws.close(1001, 'server shutting down');
      return;
    }
    const state: PageState = {
      sessionId: session.id,
      visitor: session.visitor,
      bucket: new TokenBucket(this.limits.burst, this.limits.perSecond),
      alive: true,
    };
    this.pages.set(ws, state);
    this.deps.tracker.connectionOpened();
    this.deps.onActivity();
    this.deps.log.info('page opened', { visitor: state.visitor, openPages: this.pages.size });
    ws.on('pong', () => (state.alive = true));
    ws.on('message', (data, isBinary) => this.onMessage(ws, state, data, isBinary));
    ws.on('error', (err) => this.deps.log.warn('websocket error', { visitor: state.visitor, error: err.message }));
    ws.on('close', (code) => {
      if (!this.pages.delete(ws)) return;
      this.deps.tracker.connectionClosed();
      this.deps.log.info('page closed', { visitor: state.visitor, code, openPages: this.pages.size });
    });
    send(ws, { type: 'hello', visitor: session.visitor, owner: this.deps.config.owner, serverTime: new Date().toISOString() });
  }

  private onMessage(ws: WebSocket, state: PageState, data: RawData, isBinary: boolean): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (!state.bucket.take()) {
      this.deps.log.warn('closing a page that sends too many messages', { visitor: state.visitor });
      this.closeAbuser(ws, 1008, 'too many messages');
      return;
    }
    if (isBinary) {
      this.closeAbuser(ws, 1003, 'text messages only');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(rawText(data));
    } catch {
      send(ws, { type: 'error', message: 'messages must be JSON' });
      return;
    }
    const type = typeof message === 'object' && message !== null && 'type' in message ? message.type : undefined;
    if (type === 'keepalive') {
      this.deps.tracker.touch();
      this.deps.onActivity();
      send(ws, { type: 'alive', serverTime: new Date().toISOString() });
      void this.recheck(ws, state);
      return;
    }
    send(ws, { type: 'error', message: 'unknown message type' });
  }

  /** Long-lived pages are re-checked with the hub like requests are (at most every few minutes). */
  private async recheck(ws: WebSocket, state: PageState): Promise<void> {
    const verdict = await this.deps.verifier.verify([state.sessionId]);
    if (verdict.kind === 'none') ws.close(CLOSE_SESSION_ENDED, 'session ended');
    else if (verdict.kind === 'forbidden') ws.close(CLOSE_ACCESS_WITHDRAWN, 'access withdrawn');
  }

  private closeAbuser(ws: WebSocket, code: number, reason: string): void {
    ws.close(code, reason);
    // Do not wait for a misbehaving peer to finish the closing handshake.
    setTimeout(() => ws.terminate(), 1000).unref();
  }

  private pingAll(): void {
    for (const [ws, state] of this.pages) {
      if (!state.alive) {
        this.deps.log.info('dropping a page that stopped answering pings', { visitor: state.visitor });
        ws.terminate();
        continue;
      }
      state.alive = false;
      ws.ping();
    }
  }

  private reject(socket: Duplex, status: number, code: string, message: string): void {
    if (socket.destroyed) return;
    const body = JSON.stringify({ status, code, message });
    const version = this.deps.hubVersion();
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
      'Connection: close',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      ...(version ? [`X-JupyterHub-Version: ${version}`] : []),
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
}

function send(ws: WebSocket, message: object): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
