import { rolesOfAll, type RoleProvider } from '@isobar/core';

/** What `GET api/roles` answers. */
export interface PersonRoles {
  readonly person: string;
  readonly roles: readonly string[];
  /** One line per provider that failed (`<provider>: <why>`); the roles it would have given are missing. */
  readonly errors: readonly string[];
}

export interface RoleCacheOptions {
  /** Loaded from the site config's `roles` (guarded: a lookup never rejects). */
  readonly providers: readonly RoleProvider[];
  /** How long a complete answer is reused (default 30 s). */
  readonly ttlMs?: number;
  /** How long an answer with a failed provider is reused (default 5 s), so a source that is back is used again soon. */
  readonly failureTtlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * A person's roles from every provider, kept a short time per person; one
 * lookup at a time per person, however many UI servers ask at once.
 */
export class RoleCache {
  private readonly entries = new Map<string, { value: PersonRoles; until: number }>();
  private readonly inFlight = new Map<string, Promise<PersonRoles>>();
  private readonly now: () => number;

  constructor(private readonly options: RoleCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  rolesOf(person: string): Promise<PersonRoles> {
    const entry = this.entries.get(person);
    if (entry !== undefined && entry.until > this.now()) return Promise.resolve(entry.value);
    let pending = this.inFlight.get(person);
    if (pending === undefined) {
      pending = this.lookUp(person).finally(() => this.inFlight.delete(person));
      this.inFlight.set(person, pending);
    }
    return pending;
  }

  private async lookUp(person: string): Promise<PersonRoles> {
    const { roles, failures } = await rolesOfAll(this.options.providers, person);
    const value: PersonRoles = { person, roles, errors: failures.map((f) => `${f.provider}: ${f.error}`) };
    const ttl = failures.length > 0 ? (this.options.failureTtlMs ?? 5_000) : (this.options.ttlMs ?? 30_000);
    this.entries.delete(person);
    this.entries.set(person, { value, until: this.now() + ttl });
    const max = this.options.maxEntries ?? 10_000;
    for (const old of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(old);
    }
    return value;
  }
}
