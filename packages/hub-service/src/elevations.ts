import { randomBytes } from 'node:crypto';
import type { AuditRecord, AuditSink } from './audit';
import type { ElevationLevel } from './levels';

/** One raise: who, to what, until when. Lives in memory only: a restart drops everyone to read-only. */
export interface Elevation {
  readonly id: string;
  readonly person: string;
  readonly level: ElevationLevel;
  /** ms since epoch. */
  readonly startedAt: number;
  readonly expiresAt: number;
}

export interface ElevationStoreOptions {
  readonly onAudit: AuditSink;
  readonly now?: () => number;
}

/**
 * The live elevations, each ended by a timer at its expiry so that the
 * `expire` record is written when it happens, not when someone next asks.
 */
export class ElevationStore {
  private readonly live = new Map<string, { elevation: Elevation; timer: NodeJS.Timeout }>();
  private readonly now: () => number;

  constructor(private readonly options: ElevationStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Start an elevation lasting `durationMs`; `replaces` (the browser's previous one) ends silently. */
  start(person: string, level: ElevationLevel, durationMs: number, replaces?: string): Elevation {
    if (replaces !== undefined) this.remove(replaces);
    const startedAt = this.now();
    // 128 bits: grants name it, so it must not be guessable.
    const elevation: Elevation = { id: randomBytes(16).toString('base64url'), person, level, startedAt, expiresAt: startedAt + durationMs };
    const timer = setTimeout(() => this.expire(elevation.id), durationMs);
    // An elevation must not keep a stopping process alive.
    timer.unref();
    this.live.set(elevation.id, { elevation, timer });
    return elevation;
  }

  /** The elevation if it is still in force. */
  get(id: string | undefined): Elevation | undefined {
    if (id === undefined) return undefined;
    const entry = this.live.get(id);
    if (!entry) return undefined;
    // Timers can fire late on a busy process; the clock is the authority.
    if (entry.elevation.expiresAt <= this.now()) {
      this.expire(id);
      return undefined;
    }
    return entry.elevation;
  }

  /** The person ends it early. */
  drop(id: string): Elevation | undefined {
    const elevation = this.remove(id);
    if (elevation) this.audit({ person: elevation.person, operation: 'drop', level: elevation.level, session: elevation.id, result: 'ok' });
    return elevation;
  }

  /** An admin ends every elevation of `person`; returns how many there were. */
  revoke(person: string, admin: string): number {
    let count = 0;
    for (const { elevation } of [...this.live.values()]) {
      if (elevation.person !== person) continue;
      this.remove(elevation.id);
      count++;
      this.audit({ person: admin, operation: 'revoke', target: person, level: elevation.level, session: elevation.id, result: 'ok' });
    }
    return count;
  }

  /** Ends everything without records (shutdown). */
  clear(): void {
    for (const { timer } of this.live.values()) clearTimeout(timer);
    this.live.clear();
  }

  get size(): number {
    return this.live.size;
  }

  private expire(id: string): void {
    const elevation = this.remove(id);
    if (elevation)
      this.audit({ person: elevation.person, operation: 'expire', level: elevation.level, session: elevation.id, result: 'ok' });
  }

  private remove(id: string): Elevation | undefined {
    const entry = this.live.get(id);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.live.delete(id);
    return entry.elevation;
  }

  private audit(record: Omit<AuditRecord, 'time'>): void {
    this.options.onAudit({ time: new Date(this.now()).toISOString(), ...record });
  }
}
