import { createHash } from 'node:crypto';
import { HttpError, TokenRejectedError, type HubUser } from '@isobar/hub-client';
import type { RequestHandler } from 'express';
import { sendJsonError } from './respond';

/** Who holds a token, as the hub said it recently. */
export interface CallerIdentitiesOptions {
  /** `GET /hub/api/user` with the token. */
  readonly identify: (token: string) => Promise<HubUser>;
  /** How long an answer is reused (default 60 s): a UI server asks for every visitor. */
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * UI servers call with their own hub API token (`JUPYTERHUB_API_TOKEN`,
 * owned by their owner). The hub says whose it is; the answer is kept for a
 * minute under the token's hash (never the token itself), so a busy server
 * does not cost the hub a request per call. A rejected token is not kept.
 */
export class CallerIdentities {
  private readonly entries = new Map<string, { user: HubUser; until: number }>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: CallerIdentitiesOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  async identify(token: string): Promise<HubUser> {
    const key = createHash('sha256').update(token).digest('base64url');
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.until > this.now()) return entry.user;
    const user = await this.options.identify(token);
    this.entries.delete(key);
    this.entries.set(key, { user, until: this.now() + this.ttlMs });
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(old);
    }
    return user;
  }
}

/** `Authorization: token <t>` (or `Bearer <t>`), or undefined. */
export function tokenOf(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Routes for UI servers: the request must carry a hub token that belongs to
 * a user (a UI server's token is its owner's); a service's token is
 * refused. The caller is left in `res.locals.caller`. Cookies play no part,
 * so a browser cannot be made to call these for someone.
 */
export function requireServerToken(callers: CallerIdentities): RequestHandler {
  return async (req, res, next) => {
    const token = tokenOf(req.headers.authorization);
    if (token === undefined) {
      res.setHeader('WWW-Authenticate', 'token');
      sendJsonError(res, 401, 'NOT_AUTHENTICATED', 'Send the UI server\'s hub API token: "Authorization: token <token>".');
      return;
    }
    let caller: HubUser;
    try {
      caller = await callers.identify(token);
    } catch (err) {
      if (err instanceof TokenRejectedError) throw new HttpError(401, 'NOT_AUTHENTICATED', 'The hub does not know this token.');
      throw err;
    }
    if (caller.kind !== undefined && caller.kind !== 'user') {
      sendJsonError(res, 403, 'NOT_A_SERVER', 'Only a UI server (or its owner) may call this.');
      return;
    }
    res.locals.caller = caller;
    next();
  };
}

export function callerOf(locals: { caller?: HubUser }): HubUser {
  if (!locals.caller) throw new Error('route used without requireServerToken');
  return locals.caller;
}
