import { WebSocket } from 'ws';

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
}

/**
 * A tiny browser: one cookie jar for the UI server's origin, manual
 * redirects, and routing of `/hub/...` to the hub as the proxy would.
 */
export class Browser {
  private cookies: StoredCookie[] = [];

  constructor(
    private readonly serverOrigin: string,
    private readonly hubOrigin: string,
  ) {}

  resolve(pathOrUrl: string): string {
    if (/^https?:/.test(pathOrUrl)) return pathOrUrl;
    return (pathOrUrl.startsWith('/hub/') ? this.hubOrigin : this.serverOrigin) + pathOrUrl;
  }

  cookieHeader(path: string): string {
    return this.cookies
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || path.startsWith(`${c.path}?`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }

  forget(): void {
    this.cookies = [];
  }

  async request(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(this.resolve(pathOrUrl));
    const headers = new Headers(init.headers);
    const toServer = url.origin === this.serverOrigin;
    if (toServer) {
      const cookie = this.cookieHeader(url.pathname + url.search);
      if (cookie) headers.set('Cookie', cookie);
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    if (toServer) for (const header of response.headers.getSetCookie()) this.store(header);
    return response;
  }

  /** Follow redirects like a browser; returns the last response and the path visited. */
  async follow(pathOrUrl: string, maxHops = 10): Promise<{ response: Response; path: string; hops: string[] }> {
    let path = pathOrUrl;
    const hops: string[] = [];
    for (let i = 0; i < maxHops; i++) {
      hops.push(path);
      const response = await this.request(path);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, path, hops };
      await response.body?.cancel();
      path = location;
    }
    throw new Error(`too many redirects: ${hops.join(' → ')}`);
  }

  /** Open the page websocket with this browser's cookies. */
  openSocket(path: string, headers: Record<string, string> = {}): PageSocket {
    const cookie = this.cookieHeader(path);
    const ws = new WebSocket(`${this.serverOrigin.replace(/^http/, 'ws')}${path}`, {
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    });
    return new PageSocket(ws);
  }

  private store(header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = '/';
    let expired = false;
    for (const attribute of attributes) {
      const [key = '', val = ''] = attribute.split('=');
      if (key.toLowerCase() === 'path') path = val;
      if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
    }
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
    if (!expired) this.cookies.push({ name, value, path });
  }
}

export type PageMessage = Record<string, unknown> & { type: string };

/** A websocket with a queue of received JSON messages. */
export class PageSocket {
  private readonly queue: PageMessage[] = [];
  private waiting: ((message: PageMessage) => void) | undefined;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** The HTTP status if the upgrade was refused. */
  readonly refused: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('error', () => undefined);
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode ?? 0}`)));
    });
    this.opened.catch(() => undefined);
    this.refused = new Promise((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as PageMessage;
      if (this.waiting) {
        const deliver = this.waiting;
        this.waiting = undefined;
        deliver(message);
      } else {
        this.queue.push(message);
      }
    });
  }

  next(): Promise<PageMessage> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
