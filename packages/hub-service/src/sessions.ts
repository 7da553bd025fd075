import { randomBytes } from 'node:crypto';

/**
 * A browser signed in to the service through the hub. In memory only: a
 * restarted service starts empty and browsers sign in again (silently,
 * through the hub's own cookie).
 */
export interface BrowserSession {
  readonly id: string;
  readonly person: string;
  /** The person's OAuth token for this service; used to ask the hub about them again. Never sent to the browser. */
  readonly accessToken: string;
  /** Sent back with every state-changing request (hidden field or X-Isobar-CSRF header). */
  readonly csrfToken: string;
  /** The hub login this session was made under (`jupyterhub-session-id`), if the hub sent one. */
  readonly hubSessionId: string | undefined;
  /** The elevation this browser holds, if any. */
  elevationId: string | undefined;
  lastSeen: number;
}

export const DEFAULT_MAX_SESSIONS = 10_000;
/** A day without use: sessions of big screens that only read never need this service anyway. */
export const DEFAULT_IDLE_MS = 24 * 3600_000;

export class SessionStore {
  // Map keeps insertion order; re-inserting on use makes it least-recently-used order.
  private readonly sessions = new Map<string, BrowserSession>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxSessions = DEFAULT_MAX_SESSIONS,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {}

  create(person: string, accessToken: string, hubSessionId: string | undefined): BrowserSession {
    const session: BrowserSession = {
      // 256 bits each: unguessable, and cookie- and header-safe as base64url.
      id: randomBytes(32).toString('base64url'),
      csrfToken: randomBytes(32).toString('base64url'),
      person,
      accessToken,
      hubSessionId,
      elevationId: undefined,
      lastSeen: this.now(),
    };
    this.sessions.set(session.id, session);
    for (const oldest of this.sessions.keys()) {
      if (this.sessions.size <= this.maxSessions) break;
      this.sessions.delete(oldest);
    }
    return session;
  }

  /** The session, marked as just used; undefined if unknown or idle too long. */
  get(id: string): BrowserSession | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    this.sessions.delete(id);
    if (at - session.lastSeen > this.idleMs) return undefined;
    session.lastSeen = at;
    this.sessions.set(id, session);
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
