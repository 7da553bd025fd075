/**
 * Progress events of each spawn, for the hub's spawn-pending page. The shim
 * polls them by sequence number; a finished spawn's log is kept briefly so a
 * late poll still sees the last events.
 */
export interface ProgressEvent {
  seq: number;
  progress: number;
  message: string;
}

interface SpawnLog {
  events: ProgressEvent[];
  done: boolean;
  expiresAt?: number;
}

const KEEP_FINISHED_MS = 60_000;
const MAX_EVENTS = 100;

export class ProgressBoard {
  private readonly logs = new Map<string, SpawnLog>();

  begin(key: string): void {
    this.logs.set(key, { events: [], done: false });
    this.sweep();
  }

  report(key: string, progress: number, message: string): void {
    const log = this.logs.get(key);
    if (!log || log.events.length >= MAX_EVENTS) return;
    log.events.push({ seq: log.events.length + 1, progress, message });
  }

  finish(key: string): void {
    const log = this.logs.get(key);
    if (!log) return;
    log.done = true;
    log.expiresAt = Date.now() + KEEP_FINISHED_MS;
  }

  since(key: string, after: number): { events: ProgressEvent[]; done: boolean } {
    const log = this.logs.get(key);
    if (!log) return { events: [], done: true };
    return { events: log.events.filter((e) => e.seq > after), done: log.done };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, log] of this.logs) if (log.expiresAt !== undefined && log.expiresAt < now) this.logs.delete(key);
  }
}
