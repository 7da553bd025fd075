/**
 * Whether a browser request comes from a page of this site. Browsers send
 * Origin on websockets and on every POST; a page from another site must not
 * ride on this site's cookies. Requests without Origin come from scripts,
 * which carry no ambient cookies to abuse. Behind the hub's proxy the
 * public host arrives as Host (or X-Forwarded-Host).
 */
import type { IncomingMessage } from 'node:http';

function firstValue(header: string | string[] | undefined): string | undefined {
  return (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
}

/** The request's Origin when it is another site's; undefined when the request may go on. */
export function foreignOrigin(req: IncomingMessage): string | undefined {
  const origin = firstValue(req.headers.origin);
  if (origin === undefined) return undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return origin;
  }
  const forwardedHost = firstValue(req.headers['x-forwarded-host']);
  return host === req.headers.host || (forwardedHost !== undefined && host === forwardedHost) ? undefined : origin;
}
