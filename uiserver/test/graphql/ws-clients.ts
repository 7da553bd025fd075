/** Clients for the `graphql` websocket: graphql-ws's own, a bare `ws` one, and a raw TCP one that can stop reading. */
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import { VISITOR_HEADER } from './servers';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` holds (tests wait on events, not on fixed delays). */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export interface ClosedEvent {
  readonly code: number;
  readonly reason: string;
}

export interface GraphQLWsClient {
  readonly client: Client;
  readonly closed: ClosedEvent[];
}

/** graphql-ws's client, as a browser page would use it (no retries, so a close is final). */
export function graphqlWsClient(url: string, visitor = 'alice'): GraphQLWsClient {
  const closed: ClosedEvent[] = [];
  class VisitorWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { [VISITOR_HEADER]: visitor } });
    }
  }
  const client = createClient({
    url,
    webSocketImpl: VisitorWebSocket,
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closed.push({ code, reason: String(reason) });
      },
    },
  });
  return { client, closed };
}

export type Result = FormattedExecutionResult<Record<string, unknown>>;

export interface Subscription {
  readonly results: Result[];
  readonly errors: unknown[];
  completed: boolean;
  dispose(): void;
}

export function subscribe(client: Client, query: string, variables?: Record<string, unknown>): Subscription {
  const subscription: Subscription = { results: [], errors: [], completed: false, dispose: () => undefined };
  const dispose = client.subscribe(
    { query, ...(variables ? { variables } : {}) },
    {
      next: (result) => subscription.results.push(JSON.parse(JSON.stringify(result)) as Result),
      error: (err) => subscription.errors.push(err),
      complete: () => (subscription.completed = true),
    },
  );
  subscription.dispose = dispose;
  return subscription;
}

/** A `ws` client speaking the protocol by hand, to break its rules. */
export class BareClient {
  readonly ws: WebSocket;
  readonly messages: Record<string, unknown>[] = [];
  closed: ClosedEvent | undefined;
  readonly opened: Promise<void>;

  constructor(url: string, protocols: string[] = ['graphql-transport-ws']) {
    this.ws = new WebSocket(url, protocols);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data: Buffer) => this.messages.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>));
    this.ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString('utf8') }));
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async waitClosed(timeoutMs = 3000): Promise<ClosedEvent> {
    await waitFor('the socket to close', () => this.closed !== undefined, timeoutMs);
    return this.closed as ClosedEvent;
  }
}

/** A masked client text frame. */
function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  let header: Buffer;
  if (payload.length < 126) header = Buffer.from([0x81, 0x80 | payload.length]);
  else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x81;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}

/**
 * A websocket client on a bare TCP socket, so it can stop reading
 * altogether (a browser tab frozen, a client on a dead link): what the
 * server sends then piles up in the kernel and then in the server.
 */
export class RawClient {
  readonly texts: string[] = [];
  private readonly socket: Socket;
  private buffer = Buffer.alloc(0);
  private upgraded = false;
  readonly ready: Promise<void>;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.on('data', (data: Buffer) => this.onData(data));
    this.socket.on('error', () => undefined);
    const key = randomBytes(16).toString('base64');
    this.socket.write(
      [
        'GET /graphql HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${key}`,
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Protocol: graphql-transport-ws',
        '',
        '',
      ].join('\r\n'),
    );
  }

  send(message: unknown): void {
    this.socket.write(clientFrame(JSON.stringify(message)));
  }

  /** Stops reading: the kernel's buffers fill, then the server's. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** The messages received, parsed. */
  messages(): Record<string, unknown>[] {
    return this.texts.map((text) => JSON.parse(text) as Record<string, unknown>);
  }

  private onData(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.upgraded = true;
      this.buffer = this.buffer.subarray(end + 4);
    }
    for (;;) {
      const frame = this.nextFrame();
      if (frame === undefined) return;
      if (frame.opcode === 1) this.texts.push(frame.payload.toString('utf8'));
    }
  }

  /** One unmasked server frame off the buffer (the server does not fragment its messages). */
  private nextFrame(): { opcode: number; payload: Buffer } | undefined {
    if (this.buffer.length < 2) return undefined;
    const opcode = (this.buffer[0] ?? 0) & 0x0f;
    let length = (this.buffer[1] ?? 0) & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (this.buffer.length < 4) return undefined;
      length = this.buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (this.buffer.length < 10) return undefined;
      length = Number(this.buffer.readBigUInt64BE(2));
      offset = 10;
    }
    if (this.buffer.length < offset + length) return undefined;
    const payload = this.buffer.subarray(offset, offset + length);
    this.buffer = this.buffer.subarray(offset + length);
    return { opcode, payload };
  }
}
