import { request, type ClientRequest, type IncomingMessage } from 'node:http';

export interface SseEvent {
  /** `comment` for comment lines (heartbeats). */
  readonly type: string;
  readonly data: string;
}

/** A minimal EventSource over node:http that queues what arrives, for step-by-step assertions. */
export class SseClient {
  private readonly events: SseEvent[] = [];
  private readonly waiters: (() => void)[] = [];
  private buffer = '';
  private ended = false;

  private constructor(
    private readonly req: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      this.buffer += text;
      this.parse();
    });
    response.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  static open(url: string): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream' } });
      req.on('response', (response) => resolve(new SseClient(req, response)));
      req.on('error', reject);
      req.end();
    });
  }

  /** The next event that is not a heartbeat (or a heartbeat, if `heartbeats`). */
  async next(timeoutMs = 3000, heartbeats = false): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((event) => heartbeats || event.type !== 'comment');
      if (index >= 0) return this.events.splice(index, 1)[0] as SseEvent;
      if (this.ended) throw new Error('stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Chunk events' text, concatenated, until it holds `expected` (which must then be all of it). */
  async textUntil(expected: string, timeoutMs = 3000): Promise<{ text: string; chunks: { offset: number; text: string }[] }> {
    const chunks: { offset: number; text: string }[] = [];
    let text = '';
    while (text.length < expected.length) {
      const event = await this.next(timeoutMs);
      if (event.type !== 'chunk') throw new Error(`expected a chunk, got ${event.type}`);
      const chunk = JSON.parse(event.data) as { offset: number; text: string };
      chunks.push(chunk);
      text += chunk.text;
    }
    return { text, chunks };
  }

  get isEnded(): boolean {
    return this.ended;
  }

  close(): void {
    this.req.destroy();
  }

  private parse(): void {
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) type = 'comment';
        else if (line.startsWith('event: ')) type = line.slice('event: '.length);
        else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
      }
      this.events.push({ type, data: data.join('\n') });
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
