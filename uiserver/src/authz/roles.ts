/**
 * A visitor's roles, asked of hub-service (`GET api/roles?person=`, with the
 * server's token) and kept for a minute. When hub-service cannot answer,
 * the visitor has no roles (never more than with none) and the reason is
 * kept, so the page can say why they see less than usual.
 */
import type { HubFetch } from '@isobar/hub-client';
import { isRecord, requestJson } from './hub-service-http';

export interface VisitorRoles {
  readonly roles: readonly string[];
  /** Why some roles may be missing: hub-service unreachable, or a role provider that failed. */
  readonly errors: readonly string[];
}

export interface RolesClientOptions {
  /** Undefined: nobody has roles (and nobody is told of an error). */
  readonly url: string | undefined;
  readonly token: string;
  readonly fetch: HubFetch;
  /** How long an answer is used (default 60 s). */
  readonly ttlMs?: number;
  /** How long a failure is used before asking again (default 5 s). */
  readonly failureTtlMs?: number;
  readonly clock?: () => number;
}

interface Entry {
  readonly value: VisitorRoles;
  readonly until: number;
}

const NONE: VisitorRoles = { roles: [], errors: [] };

export class RolesClient {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<VisitorRoles>>();
  private readonly clock: () => number;

  constructor(private readonly options: RolesClientOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** The visitor's roles, asked again when the cached answer is too old. */
  async rolesOf(person: string): Promise<VisitorRoles> {
    const entry = this.entries.get(person);
    if (entry !== undefined && entry.until > this.clock()) return entry.value;
    return this.refresh(person);
  }

  /** What is known now, without waiting (live updates); an old or missing answer is asked for in the background. */
  known(person: string): VisitorRoles {
    const entry = this.entries.get(person);
    if (entry === undefined || entry.until <= this.clock()) void this.refresh(person);
    return entry?.value ?? NONE;
  }

  private refresh(person: string): Promise<VisitorRoles> {
    let pending = this.inFlight.get(person);
    if (pending === undefined) {
      pending = this.ask(person).finally(() => this.inFlight.delete(person));
      this.inFlight.set(person, pending);
    }
    return pending;
  }

  private async ask(person: string): Promise<VisitorRoles> {
    const { url, token, fetch } = this.options;
    if (url === undefined) return NONE;
    let value: VisitorRoles;
    let ttl = this.options.ttlMs ?? 60_000;
    try {
      const target = new URL(url);
      target.searchParams.set('person', person);
      value = parseRoles(await requestJson(fetch, target.toString(), { token }));
      // A provider failed behind hub-service: ask again soon, so a directory that is back counts again quickly.
      if (value.errors.length > 0) ttl = this.options.failureTtlMs ?? 5_000;
    } catch (err) {
      value = { roles: [], errors: [`roles unavailable: ${err instanceof Error ? err.message : String(err)}`] };
      ttl = this.options.failureTtlMs ?? 5_000;
    }
    this.entries.set(person, { value, until: this.clock() + ttl });
    return value;
  }
}

function parseRoles(body: unknown): VisitorRoles {
  if (!isRecord(body) || !Array.isArray(body['roles'])) throw new Error('api/roles answered without a list of roles');
  const roles = body['roles'].filter((role): role is string => typeof role === 'string' && role !== '');
  const rawErrors = body['errors'];
  const errors = Array.isArray(rawErrors) ? rawErrors.map((error) => (typeof error === 'string' ? error : JSON.stringify(error))) : [];
  return { roles, errors };
}
