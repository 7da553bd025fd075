/**
 * Counts failed password attempts per key (a person, or a client address)
 * and locks a key out after too many. A lockout is checked before the hub
 * is asked, so a guesser learns nothing while locked out and the hub's
 * authenticator (PAM, LDAP) is spared the load.
 */
export interface LimiterOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
  readonly now?: () => number;
  /** Keys remembered at most; beyond it the oldest are forgotten (an attacker cycling addresses cannot grow memory). */
  readonly maxKeys?: number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export type FailureOutcome = { readonly lockedOut: false } | { readonly lockedOut: true; readonly untilMs: number };

export class AttemptLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: LimiterOptions) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** When the key may try again (ms since epoch), or undefined if it may now. */
  lockedUntil(key: string): number | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    return entry.lockedUntil > this.now() ? entry.lockedUntil : undefined;
  }

  /** Record one failure; says whether this one started a lockout. */
  fail(key: string): FailureOutcome {
    const at = this.now();
    const entry = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
    entry.failures = entry.failures.filter((t) => at - t < this.options.windowMs);
    entry.failures.push(at);
    let outcome: FailureOutcome = { lockedOut: false };
    if (entry.failures.length >= this.options.maxFailures && entry.lockedUntil <= at) {
      entry.lockedUntil = at + this.options.lockoutMs;
      entry.failures = [];
      outcome = { lockedOut: true, untilMs: entry.lockedUntil };
    }
    // Re-inserting keeps the map in least-recently-failed order for trimming.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.trim();
    return outcome;
  }

  /** A success forgets earlier failures of this key (not a lockout in force). */
  succeed(key: string): void {
    const entry = this.entries.get(key);
    if (entry && entry.lockedUntil <= this.now()) this.entries.delete(key);
  }

  /** Lift a lockout (an administrator's decision). */
  clear(key: string): void {
    this.entries.delete(key);
  }

  private trim(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}
