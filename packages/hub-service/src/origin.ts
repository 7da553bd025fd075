import type { IncomingMessage } from 'node:http';
import { isHttps } from './session-cookie';

/** The origin the browser reached us at, from Host (kept by the proxy) and the scheme the proxy reports. */
export function requestOrigin(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (!host || /[\s/\\@]/.test(host)) return undefined;
  return `${isHttps(req) ? 'https' : 'http'}://${host.toLowerCase()}`;
}

/** Origins a state-changing request may come from: the configured ones, or else our own. */
export function ourOrigins(req: IncomingMessage, configured: readonly string[]): readonly string[] {
  if (configured.length > 0) return configured;
  const own = requestOrigin(req);
  return own ? [own] : [];
}

/**
 * Does the request come from one of our pages? Browsers send Origin with
 * every POST (forms and fetch alike); a POST without it is not from a
 * browser page we served, so it is refused rather than guessed about.
 */
export function fromOurOrigin(req: IncomingMessage, configured: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  return ourOrigins(req, configured).includes(origin.toLowerCase());
}
