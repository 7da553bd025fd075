import type { Response } from 'express';

/**
 * A Server-Sent Events stream on an HTTP response. Writes report
 * back-pressure (false: the socket's buffer is full, wait for `drained`).
 */
export class SseStream {
  constructor(private readonly res: Response) {}

  /** Send the headers now: the client sees the stream open before any event. */
  open(headers: Readonly<Record<string, string>> = {}): void {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    // no-transform: a proxy that compresses or rewrites would hold events back.
    this.res.setHeader('Cache-Control', 'no-store, no-transform');
    // nginx and similar buffer responses unless told not to.
    this.res.setHeader('X-Accel-Buffering', 'no');
    for (const [name, value] of Object.entries(headers)) this.res.setHeader(name, value);
    this.res.flushHeaders();
  }

  /** One event; `data` is JSON, which has no raw line breaks, so one `data:` line always suffices. */
  event(name: string, data: unknown): boolean {
    return this.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line: ignored by EventSource, but it keeps proxies from closing an idle stream. */
  comment(text: string): boolean {
    return this.write(`: ${text.replace(/[\r\n]+/g, ' ')}\n\n`);
  }

  /** Resolves when the buffer has drained or the stream has closed (so a waiting reader never hangs). */
  drained(): Promise<void> {
    if (this.closed || !this.res.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  end(): void {
    if (!this.closed) this.res.end();
  }

  private write(text: string): boolean {
    if (this.closed) return true;
    return this.res.write(text);
  }
}
