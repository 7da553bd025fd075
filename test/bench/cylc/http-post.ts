/**
 * A minimal keep-alive HTTP client for timing requests. `fetch` (undici)
 * adds its own fraction of a millisecond per request, which is the size of
 * what is measured here; node:http over one kept-alive socket adds little
 * and the same to every row.
 */
import { Agent, request } from 'node:http';

export interface TimedReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** From the request being written to the last byte of the answer, in ms. */
  readonly elapsedMs: number;
}

export interface PostTarget {
  /** `http://ip:port`, no path. */
  readonly origin: string;
  /** The full path, prefix included (`/user/<owner>/graphql`). */
  readonly path: string;
  readonly cookie: string;
}

export class TimedPoster {
  // One socket, so sequential requests never pay a new connection.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(readonly target: PostTarget) {}

  post(json: unknown): Promise<TimedReply> {
    const body = Buffer.from(JSON.stringify(json));
    const url = new URL(this.target.path, this.target.origin);
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': String(body.length), cookie: this.target.cookie },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              elapsedMs: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
