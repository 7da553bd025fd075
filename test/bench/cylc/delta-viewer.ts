/**
 * One read-only viewer of a workflow over the UI server's `graphql`
 * websocket, speaking graphql-transport-ws by hand (connection_init →
 * connection_ack → subscribe) as a browser's client would. It only notes
 * when each message arrived and keeps the raw bytes: with hundreds of
 * viewers in one process, any per-message work here would be added to the
 * arrival times of the viewers after it. Messages are read afterwards.
 */
import WebSocket, { type RawData } from 'ws';

export interface Arrival {
  /** performance.now() when the message was handed to this viewer. */
  readonly at: number;
  readonly data: Buffer;
}

/** The server refused the upgrade with an HTTP status (e.g. 429: too many sockets for one session). */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`websocket upgrade refused: HTTP ${status}`);
  }
}

const SUBPROTOCOL = 'graphql-transport-ws';
const SUBSCRIPTION_ID = '1';

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** A graphql-transport-ws `ping` must be answered; it is tiny, so only tiny messages are looked at. */
function isPing(data: Buffer): boolean {
  return data.length < 64 && data.includes('"ping"');
}

function messageType(data: Buffer): string | undefined {
  try {
    const type: unknown = (JSON.parse(data.toString('utf8')) as { type?: unknown }).type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

export class DeltaViewer {
  readonly arrivals: Arrival[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(private readonly ws: WebSocket) {}

  /** Connects, subscribes and resolves once the first message for the subscription (the reset) has arrived. */
  static open(url: string, cookie: string, query: string, timeoutMs = 30_000): Promise<DeltaViewer> {
    const ws = new WebSocket(url, SUBPROTOCOL, { headers: { cookie }, perMessageDeflate: false });
    const viewer = new DeltaViewer(ws);
    return new Promise((resolve, reject) => {
      let acked = false;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`no first message within ${timeoutMs} ms`));
      }, timeoutMs);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        // No-op once closed; otherwise a socket that failed to subscribe must not stay open.
        ws.terminate();
        reject(err);
      };
      ws.on('unexpected-response', (req, res) => {
        res.resume();
        req.destroy();
        fail(new UpgradeRefused(res.statusCode ?? 0));
      });
      ws.on('error', fail);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      ws.on('message', (raw) => {
        const at = performance.now();
        const data = asBuffer(raw);
        if (!acked) {
          // Before the ack nothing is timed, so reading the message costs nothing measured.
          const type = messageType(data);
          if (type !== 'connection_ack')
            return fail(new Error(`expected connection_ack, got ${type ?? data.toString('utf8').slice(0, 100)}`));
          acked = true;
          ws.send(JSON.stringify({ id: SUBSCRIPTION_ID, type: 'subscribe', payload: { query } }));
          return;
        }
        if (isPing(data)) {
          ws.send('{"type":"pong"}');
          return;
        }
        viewer.arrivals.push({ at, data });
        if (viewer.arrivals.length === 1) {
          clearTimeout(timer);
          resolve(viewer);
        }
      });
      ws.on('close', (code, reason) => {
        viewer.closed = { code, reason: reason.toString('utf8') };
        fail(new Error(`closed ${code} ${reason.toString('utf8')} before the first message`));
      });
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close(1000, 'benchmark done');
      // A server that does not answer the close handshake must not hold the run.
      setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 2000).unref();
    });
  }
}
