import { randomBytes } from 'node:crypto';

/**
 * A visitor signed in through the hub. Lives only in this process's memory:
 * a restarted server starts empty and visitors sign in again (silently,
 * through the hub's own cookie).
 */
export interface Session {
  readonly id: string;
  readonly visitor: string;
  groups: readonly string[];
  /** The visitor's OAuth access token, used to re-check them with the hub. Never sent to the browser. */
  readonly accessToken: string;
  /** The hub's login session this one was made under (`jupyterhub-session-id`), if the hub sent one. */
  readonly hubSessionId: string | undefined;
  /** When the hub last confirmed the token (ms since epoch). */
  checkedAt: number;
  lastSeen: number;
}

/** Enough for a busy operations room; beyond it the least recently seen sessions go first. */
export const DEFAULT_MAX_SESSIONS = 10_000;

export class SessionStore {
  // Map keeps insertion order; re-inserting on use makes it least-recently-used order.
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxSessions = DEFAULT_MAX_SESSIONS,
  ) {}

  create(visitor: string, groups: readonly string[], accessToken: string, hubSessionId?: string): Session {
    const at = this.now();
    // 256 bits: unguessable, and cookie-safe as base64url.
    const id = randomBytes(32).toString('base64url');
    const session: Session = { id, visitor, groups, accessToken, hubSessionId, checkedAt: at, lastSeen: at };
    this.sessions.set(session.id, session);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next();
      if (oldest.done) break;
      this.sessions.delete(oldest.value);
    }
    return session;
  }

  /** The session, marked as just used; undefined if unknown. */
  get(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    session.lastSeen = this.now();
    this.sessions.delete(id);
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
