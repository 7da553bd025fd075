/** A HubFetch over node:http and node:https (see transport.ts for why). */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HubFetch, HubResponse } from './transport';

/** Hub API replies are small; a bigger one is not the hub's. */
const MAX_REPLY_BYTES = 1024 * 1024;

export const nodeHttpFetch: HubFetch = (url, init) =>
  new Promise<HubResponse>((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
    if (!send) return reject(new Error(`unsupported protocol ${target.protocol}`));
    const req = send(target, { method: init.method, headers: init.headers, signal: init.signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const body = new Promise<string>((resolveBody, rejectBody) => {
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_REPLY_BYTES) {
            res.destroy();
            rejectBody(new Error(`reply larger than ${MAX_REPLY_BYTES} bytes`));
          } else chunks.push(chunk);
        });
        res.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
        res.on('error', rejectBody);
      });
      // Nobody may read the body (a 204, a refusal): never leave a rejection unhandled.
      body.catch(() => undefined);
      const status = res.statusCode ?? 0;
      resolve({ status, ok: status >= 200 && status < 300, text: () => body });
    });
    req.on('error', reject);
    req.end(init.body);
  });
