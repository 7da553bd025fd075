import { type HubUser, TokenRejectedError } from '@isobar/hub-client';
import type { Logger } from './log';
import type { Session, SessionStore } from './sessions';

export type Verdict =
  { readonly kind: 'ok'; readonly session: Session } | { readonly kind: 'none' } | { readonly kind: 'forbidden'; readonly visitor: string };

export interface VerifierOptions {
  /** How long the hub's word on a token is trusted. */
  readonly recheckMs: number;
  /** After a failed re-check (hub down), when to try again; meanwhile the session stays valid. */
  readonly retryMs: number;
  readonly now: () => number;
}

export const DEFAULT_VERIFIER_OPTIONS: VerifierOptions = { recheckMs: 5 * 60_000, retryMs: 30_000, now: Date.now };

/**
 * Decides whether a session cookie still stands for an allowed visitor.
 * The hub is asked again at most every `recheckMs`, so a revoked token or a
 * withdrawn role ends the session within minutes, while a hub restart (the
 * hub unreachable) does not throw operators' big screens out.
 */
export class SessionVerifier {
  private readonly pending = new Map<string, Promise<Verdict>>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly identify: (accessToken: string) => Promise<HubUser>,
    private readonly allowed: (user: HubUser) => boolean,
    private readonly log: Logger,
    private readonly options: VerifierOptions = DEFAULT_VERIFIER_OPTIONS,
  ) {}

  /** The first of `ids` that names a live session decides (for re-checks of open sockets: no request at hand). */
  async verify(ids: readonly string[]): Promise<Verdict> {
    for (const id of ids) {
      const session = this.sessions.get(id);
      if (session) return this.check(session);
    }
    return { kind: 'none' };
  }

  /**
   * As verify(), for a request coming with `hubSession` (its hub login
   * session cookie, or undefined): a session made under another hub login
   * has ended (signed out, or someone else signed in at this browser).
   */
  async verifyRequest(ids: readonly string[], hubSession: string | undefined): Promise<Verdict> {
    const current: string[] = [];
    for (const id of ids) {
      const session = this.sessions.get(id);
      if (!session) continue;
      if (session.hubSessionId !== undefined && session.hubSessionId !== hubSession) {
        this.sessions.delete(session.id);
        this.log.info('session ended: the hub login it was made under is gone', { visitor: session.visitor });
        continue;
      }
      current.push(id);
    }
    return this.verify(current);
  }

  private check(session: Session): Promise<Verdict> {
    if (this.options.now() - session.checkedAt < this.options.recheckMs) return Promise.resolve({ kind: 'ok', session });
    // Concurrent requests of one page share one hub round trip.
    let verdict = this.pending.get(session.id);
    if (!verdict) {
      verdict = this.recheck(session).finally(() => this.pending.delete(session.id));
      this.pending.set(session.id, verdict);
    }
    return verdict;
  }

  private async recheck(session: Session): Promise<Verdict> {
    let user: HubUser;
    try {
      user = await this.identify(session.accessToken);
    } catch (err) {
      if (err instanceof TokenRejectedError) {
        this.sessions.delete(session.id);
        this.log.info('session ended: the hub no longer accepts its token', { visitor: session.visitor });
        return { kind: 'none' };
      }
      session.checkedAt = this.options.now() - this.options.recheckMs + this.options.retryMs;
      this.log.warn('cannot re-check a session with the hub; keeping it for now', {
        visitor: session.visitor,
        error: err instanceof Error ? err.message : String(err),
      });
      return { kind: 'ok', session };
    }
    if (user.name !== session.visitor) {
      this.sessions.delete(session.id);
      this.log.warn('session ended: its token now belongs to someone else', { visitor: session.visitor });
      return { kind: 'none' };
    }
    if (!this.allowed(user)) {
      this.sessions.delete(session.id);
      this.log.info('session ended: visitor lost access', { visitor: session.visitor });
      return { kind: 'forbidden', visitor: user.name };
    }
    session.groups = user.groups;
    session.checkedAt = this.options.now();
    return { kind: 'ok', session };
  }
}
