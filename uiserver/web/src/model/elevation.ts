/**
 * Elevation, as the page sees it: everyone is read-only until they raise
 * their level on the hub-service's own page (which asks the password; this
 * page never sees it). While elevated, the page holds a short-lived grant for
 * its owner's UI server, in memory only, and sends it with each action.
 *
 * `ElevationMachine` is the whole life cycle, with the clock, the timers and
 * the HTTP calls passed in, so it runs the same in the browser and in tests:
 *
 *   - the hub-service's `api/elevation` is asked on start and every few seconds;
 *   - while elevated, a grant is fetched at once and then every
 *     min(15 s, the grant's lifetime / 2);
 *   - the elevation ends, here and without a reload, when its time is up
 *     (a local timer, not the next poll), when `api/elevation` says `read`,
 *     when the person drops it, or when `api/grants` answers 401 or 403
 *     (dropped in another tab, revoked by an admin, signed out).
 *
 * Times from the hub-service are in its clock; they are turned into this
 * browser's clock with the offset the `remainingSeconds` of `api/elevation`
 * reveals, so a browser whose clock is off still counts down correctly.
 */

export const LEVELS = ['read', 'execute', 'write'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** 0 for read, 1 for execute, 2 for write. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export const LEVEL_LABELS: Readonly<Record<Level, string>> = { read: 'read only', execute: 'execute', write: 'write' };

/** Where the hub-service lives on the hub's origin. */
export const HUB_SERVICE_PATH = '/services/isobar/';

/** The header that carries a grant on HTTP requests to the UI server. */
export const GRANT_HEADER = 'X-Isobar-Grant';

/** The hub-service page that asks the password and comes back to `next` (this page: path, query and hash). */
export function elevateUrl(level: Level, location: { readonly pathname: string; readonly search: string; readonly hash: string }): string {
  const next = encodeURIComponent(location.pathname + location.search + location.hash);
  return `${HUB_SERVICE_PATH}elevate?level=${encodeURIComponent(level)}&next=${next}`;
}

/** Headers for an action: the grant when there is one. */
export function grantHeaders(grant: string | undefined): Record<string, string> {
  return grant ? { [GRANT_HEADER]: grant } : {};
}

/** `extensions` of a graphql-ws `subscribe` message that carries a mutation. */
export function grantExtensions(grant: string | undefined): { grant: string } | undefined {
  return grant ? { grant } : undefined;
}

/** `mm:ss` of a number of seconds (minutes keep counting past 59). */
export function formatRemaining(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  return `${String(minutes).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** An HTTP answer: parsed JSON (or text) and the status, 0 when the server could not be reached. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** `api/elevation`, checked. */
export interface ElevationStatus {
  readonly level: Level;
  /** Milliseconds since the epoch, in the hub-service's clock. */
  readonly expiresAt: number | undefined;
  readonly remainingSeconds: number | undefined;
}

function objectOf(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export function parseElevationStatus(body: unknown): ElevationStatus | undefined {
  const obj = objectOf(body);
  if (!obj || !isLevel(obj.level)) return undefined;
  const remaining = obj.remainingSeconds;
  return {
    level: obj.level,
    expiresAt: timeOf(obj.expiresAt),
    remainingSeconds: typeof remaining === 'number' && Number.isFinite(remaining) ? Math.max(0, remaining) : undefined,
  };
}

/** `api/grants`, checked. Times are in the hub-service's clock. */
export interface GrantAnswer {
  readonly grant: string;
  readonly level: Level;
  readonly audience: string;
  readonly expiresAt: number;
  readonly elevationExpiresAt: number | undefined;
}

export function parseGrantAnswer(body: unknown): GrantAnswer | undefined {
  const obj = objectOf(body);
  if (!obj || typeof obj.grant !== 'string' || obj.grant === '' || !isLevel(obj.level)) return undefined;
  const expiresAt = timeOf(obj.expiresAt);
  if (expiresAt === undefined) return undefined;
  return {
    grant: obj.grant,
    level: obj.level,
    audience: typeof obj.audience === 'string' ? obj.audience : '',
    expiresAt,
    elevationExpiresAt: timeOf(obj.elevationExpiresAt),
  };
}

/** The message of the servers' error JSON (`{status, code, message}`), or a summary. */
export function answerProblem(answer: Answer): string {
  const obj = objectOf(answer.body);
  if (obj && typeof obj.message === 'string') return obj.message;
  if (answer.status === 0) return typeof answer.body === 'string' && answer.body ? answer.body : 'the server could not be reached';
  return `the server answered ${answer.status}`;
}

/** A grant held in memory, with its expiry in this browser's clock. */
export interface HeldGrant {
  readonly token: string;
  readonly level: Level;
  readonly expiresAt: number;
}

export interface ElevationState {
  /** The level the person holds now; `read` once the elevation has ended. */
  readonly level: Level;
  /** When the elevation ends, in this browser's clock; undefined when read-only. */
  readonly expiresAt: number | undefined;
  /** The current grant for this page's owner, if any (never stored anywhere but here). */
  readonly grant: HeldGrant | undefined;
  /** Has `api/elevation` answered at least once? */
  readonly known: boolean;
  /** The last thing that went wrong, for the header; empty when all is well. */
  readonly problem: string;
}

export const READ_ONLY: ElevationState = { level: 'read', expiresAt: undefined, grant: undefined, known: false, problem: '' };

export type TimerHandle = unknown;

export interface ElevationDeps {
  readonly now: () => number;
  readonly schedule: (run: () => void, ms: number) => TimerHandle;
  readonly cancel: (handle: TimerHandle) => void;
  /** `GET <hub-service>api/elevation`. */
  readonly fetchStatus: () => Promise<Answer>;
  /** `POST <hub-service>api/grants {audience}`. */
  readonly fetchGrant: (audience: string) => Promise<Answer>;
  /** `POST <hub-service>api/drop`. */
  readonly postDrop: () => Promise<Answer>;
}

export interface ElevationOptions {
  /** The owner whose UI server the grants are for; empty: no grants are asked for. */
  readonly audience: string;
  /** How often `api/elevation` is asked. */
  readonly statusEveryMs?: number;
  /** Grants are refreshed at most this long apart… */
  readonly grantEveryMs?: number;
  /** …and at least this long apart, however short their lifetime. */
  readonly grantMinMs?: number;
  /** After a failed grant request (other than 401/403), the next try. */
  readonly retryMs?: number;
}

/**
 * With clocks that agree, `expiresAt` minus (now + `remainingSeconds`) lies
 * between 0 and a second and a bit: the seconds are rounded down and the
 * answer takes time to arrive. Outside this window the clocks disagree.
 */
const AGREEING_OFFSETS_MS = [-500, 1_500] as const;

type TimerName = 'status' | 'grant' | 'expiry' | 'grantExpiry';

export class ElevationMachine {
  private current: ElevationState = READ_ONLY;
  private readonly listeners = new Set<(state: ElevationState) => void>();
  private readonly timers = new Map<TimerName, TimerHandle>();
  /** Hub-service clock minus this browser's clock. */
  private offsetMs = 0;
  /** Bumped whenever the page goes read-only by itself: answers to requests sent before are stale. */
  private epoch = 0;
  private statusSent = 0;
  private statusApplied = 0;
  private grantInFlight = false;
  /** What the shown problem is about: a good answer clears only its own kind. */
  private problemAbout: 'status' | 'grant' | 'drop' | undefined;
  private running = false;
  private readonly statusEveryMs: number;
  private readonly grantEveryMs: number;
  private readonly grantMinMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly deps: ElevationDeps,
    private readonly options: ElevationOptions,
  ) {
    this.statusEveryMs = options.statusEveryMs ?? 5_000;
    this.grantEveryMs = options.grantEveryMs ?? 15_000;
    this.grantMinMs = options.grantMinMs ?? 1_000;
    this.retryMs = options.retryMs ?? 3_000;
  }

  get state(): ElevationState {
    return this.current;
  }

  /** Calls `listener` after every change of state. Returns the way to stop. */
  onChange(listener: (state: ElevationState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks `api/elevation` now, then every `statusEveryMs`. */
  start(): Promise<void> {
    this.running = true;
    return this.refresh();
  }

  stop(): void {
    this.running = false;
    for (const name of [...this.timers.keys()]) this.clearTimer(name);
  }

  /** The grant to send with an action now, if one is held and still valid. */
  grant(): string | undefined {
    const grant = this.current.grant;
    return grant && grant.expiresAt > this.deps.now() ? grant.token : undefined;
  }

  /** The level actions are sent with: the grant's, or read without one. */
  grantLevel(): Level {
    const grant = this.current.grant;
    return grant && grant.expiresAt > this.deps.now() ? grant.level : 'read';
  }

  /** Whole seconds left of the elevation (rounded up), 0 when read-only. */
  remainingSeconds(): number {
    const expiresAt = this.current.expiresAt;
    if (this.current.level === 'read' || expiresAt === undefined) return 0;
    return Math.max(0, Math.ceil((expiresAt - this.deps.now()) / 1000));
  }

  /**
   * Applies whatever time has done: the elevation or the grant may have run
   * out while timers were held back (a hidden tab). Cheap; call it freely.
   */
  check(): void {
    const now = this.deps.now();
    const { expiresAt, grant } = this.current;
    if (this.current.level !== 'read' && expiresAt !== undefined && now >= expiresAt) {
      this.becomeReadOnly();
      return;
    }
    if (grant && now >= grant.expiresAt) this.update({ grant: undefined });
  }

  /** Asks `api/elevation` now (and restarts the polling from here). */
  async refresh(): Promise<void> {
    this.clearTimer('status');
    const epoch = this.epoch;
    this.statusSent += 1;
    const serial = this.statusSent;
    let answer: Answer;
    try {
      answer = await this.deps.fetchStatus();
    } catch (error) {
      answer = { status: 0, body: error instanceof Error ? error.message : String(error) };
    }
    // A newer request has answered already, or the page went read-only since this one was sent.
    if (serial > this.statusApplied && epoch === this.epoch) {
      this.statusApplied = serial;
      this.applyStatus(answer);
    }
    if (this.running && serial === this.statusSent) this.setTimer('status', this.statusEveryMs, () => void this.refresh());
  }

  /** Back to read-only now, here first and then at the hub-service. */
  async drop(): Promise<void> {
    this.becomeReadOnly();
    let answer: Answer;
    try {
      answer = await this.deps.postDrop();
    } catch (error) {
      answer = { status: 0, body: error instanceof Error ? error.message : String(error) };
    }
    if (answer.status < 200 || answer.status >= 300) this.setProblem('drop', `could not drop privileges: ${answerProblem(answer)}`);
    await this.refresh();
  }

  private applyStatus(answer: Answer): void {
    if (answer.status === 401 || answer.status === 403) {
      this.becomeReadOnly({ known: true });
      return;
    }
    const status = answer.status >= 200 && answer.status < 300 ? parseElevationStatus(answer.body) : undefined;
    if (!status) {
      // Unreachable or confused: keep what is held; the local timers still end it on time.
      this.setProblem('status', `could not ask for the privilege level: ${answerProblem(answer)}`);
      this.check();
      return;
    }
    const now = this.deps.now();
    // No whole second left is over: the local timer may have ended it already.
    if (status.level === 'read' || status.remainingSeconds === 0) {
      this.becomeReadOnly({ known: true });
      return;
    }
    let expiresAt: number | undefined;
    if (status.remainingSeconds !== undefined) {
      const byRemaining = now + status.remainingSeconds * 1000;
      if (status.expiresAt !== undefined) {
        const offset = status.expiresAt - byRemaining;
        this.offsetMs = offset >= AGREEING_OFFSETS_MS[0] && offset <= AGREEING_OFFSETS_MS[1] ? 0 : offset - 500;
        expiresAt = status.expiresAt - this.offsetMs;
      } else {
        expiresAt = byRemaining;
      }
    } else if (status.expiresAt !== undefined) {
      expiresAt = status.expiresAt - this.offsetMs;
    }
    if (expiresAt === undefined || expiresAt <= now) {
      this.becomeReadOnly({ known: true });
      return;
    }
    const grant = this.current.grant;
    const raised = this.current.level !== status.level;
    this.clearProblem('status');
    this.update({
      level: status.level,
      expiresAt,
      known: true,
      // A grant for another level (raised again in another tab) is replaced at once.
      grant: grant && grant.level === status.level ? grant : undefined,
    });
    this.setTimer('expiry', expiresAt - now, () => this.onExpiryTimer());
    if (raised || !this.current.grant) void this.requestGrant();
  }

  private onExpiryTimer(): void {
    const expiresAt = this.current.expiresAt;
    if (expiresAt === undefined || this.current.level === 'read') return;
    const left = expiresAt - this.deps.now();
    // Timers may fire a little early: wait for the rest.
    if (left > 0) this.setTimer('expiry', left, () => this.onExpiryTimer());
    else this.becomeReadOnly();
  }

  private async requestGrant(): Promise<void> {
    if (this.grantInFlight || !this.options.audience || this.current.level === 'read') return;
    this.clearTimer('grant');
    this.grantInFlight = true;
    const epoch = this.epoch;
    let answer: Answer;
    try {
      answer = await this.deps.fetchGrant(this.options.audience);
    } catch (error) {
      answer = { status: 0, body: error instanceof Error ? error.message : String(error) };
    } finally {
      this.grantInFlight = false;
    }
    if (epoch !== this.epoch) {
      // Ended and raised again while this one was on its way: ask for the new elevation's grant.
      if (this.elevated() && !this.current.grant) void this.requestGrant();
      return;
    }
    if (!this.elevated()) return;
    if (answer.status === 401 || answer.status === 403) {
      // The elevation is over at the hub-service: dropped elsewhere, revoked, or signed out.
      this.becomeReadOnly();
      return;
    }
    const parsed = answer.status >= 200 && answer.status < 300 ? parseGrantAnswer(answer.body) : undefined;
    const now = this.deps.now();
    if (!parsed) {
      this.setProblem('grant', `could not get a grant: ${answerProblem(answer)}`);
      this.setTimer('grant', this.retryMs, () => void this.requestGrant());
      return;
    }
    const grantExpiresAt = parsed.expiresAt - this.offsetMs;
    if (grantExpiresAt <= now) {
      // Born expired (the elevation ends now, or the clocks disagree wildly): the next status poll decides.
      this.update({ grant: undefined });
      this.setTimer('grant', this.retryMs, () => void this.requestGrant());
      return;
    }
    const elevationExpiresAt = parsed.elevationExpiresAt === undefined ? this.current.expiresAt : parsed.elevationExpiresAt - this.offsetMs;
    this.clearProblem('grant');
    this.update({
      level: parsed.level,
      expiresAt: elevationExpiresAt,
      grant: { token: parsed.grant, level: parsed.level, expiresAt: grantExpiresAt },
    });
    if (elevationExpiresAt !== undefined) this.setTimer('expiry', Math.max(0, elevationExpiresAt - now), () => this.onExpiryTimer());
    this.setTimer('grantExpiry', grantExpiresAt - now, () => this.check());
    this.setTimer('grant', this.grantInterval(grantExpiresAt - now), () => void this.requestGrant());
  }

  /** min(grantEveryMs, lifetime / 2), never below grantMinMs. */
  grantInterval(lifetimeMs: number): number {
    return Math.max(this.grantMinMs, Math.min(this.grantEveryMs, Math.floor(lifetimeMs / 2)));
  }

  /** A method, not a narrowed field: the state changes while requests are on their way. */
  private elevated(): boolean {
    return this.current.level !== 'read';
  }

  private setProblem(about: 'status' | 'grant' | 'drop', problem: string): void {
    this.problemAbout = about;
    this.update({ problem });
  }

  private clearProblem(about: 'status' | 'grant' | 'drop'): void {
    if (this.problemAbout !== about) return;
    this.problemAbout = undefined;
    this.update({ problem: '' });
  }

  private becomeReadOnly(extra: Partial<ElevationState> = {}): void {
    this.epoch += 1;
    this.problemAbout = undefined;
    this.clearTimer('grant');
    this.clearTimer('expiry');
    this.clearTimer('grantExpiry');
    this.update({ level: 'read', expiresAt: undefined, grant: undefined, problem: '', ...extra });
  }

  private update(change: Partial<ElevationState>): void {
    const next = { ...this.current, ...change };
    const before = this.current;
    if (
      next.level === before.level &&
      next.expiresAt === before.expiresAt &&
      next.grant === before.grant &&
      next.known === before.known &&
      next.problem === before.problem
    ) {
      return;
    }
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }

  private setTimer(name: TimerName, ms: number, run: () => void): void {
    this.clearTimer(name);
    const handle = this.deps.schedule(() => {
      this.timers.delete(name);
      run();
    }, ms);
    this.timers.set(name, handle);
  }

  private clearTimer(name: TimerName): void {
    const handle = this.timers.get(name);
    if (handle === undefined) return;
    this.deps.cancel(handle);
    this.timers.delete(name);
  }
}
