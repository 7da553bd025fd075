import type { IncomingMessage } from 'node:http';

/**
 * The browser's address, for rate limiting. Behind the proxy every
 * connection comes from the proxy, which appends the real peer to
 * X-Forwarded-For; only the last entry is the proxy's own word (earlier ones
 * are whatever the client sent), and it is believed only from a trusted peer.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustedProxies.includes(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const joined = Array.isArray(header) ? header.join(',') : header;
  const last = joined?.split(',').at(-1)?.trim();
  return last ? last : peer;
}
