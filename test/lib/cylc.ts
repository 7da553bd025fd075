/**
 * The test bed's real Cylc schedulers (test/bed/cylc.sh) and their files,
 * for end-to-end tests: start, stop, start afresh, and watch a scheduler log
 * as it is written.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { bed } from './bed';

/** Starts fixture workflows (IDs as in cylc.sh's FIXTURES) as their owners; running ones are left alone. */
export function playWorkflows(...ids: string[]): void {
  bed('cylc.sh', ['play', ...ids]);
}

/** Stops fixture workflows (`cylc stop --now --now`), as their owners. */
export function stopWorkflows(...ids: string[]): void {
  bed('cylc.sh', ['stop', ...ids]);
}

/** Stops, removes and reinstalls: each starts again at cycle 1, as run1. */
export function freshWorkflows(...ids: string[]): void {
  bed('cylc.sh', ['fresh', ...ids]);
}

/** As freshWorkflows, but the schedulers start paused: nothing is submitted until resumed. */
export function freshPausedWorkflows(...ids: string[]): void {
  bed('cylc.sh', ['fresh', ...ids], { CYLC_PLAY_ARGS: '--pause ' });
}

/** `/home/<owner>/cylc-run/<id>/runN`. */
export function runDir(owner: string, id: string): string {
  return `/home/${owner}/cylc-run/${id}/runN`;
}

export function schedulerLog(owner: string, id: string): string {
  return `${runDir(owner, id)}/log/scheduler/log`;
}

export interface SeenLine {
  readonly text: string;
  /** When this process first saw the line in the file (ms since the epoch). */
  readonly seenAt: number;
}

/**
 * Reads a growing file every `everyMs` and notes when each new line
 * appeared: the reference clock for "the browser showed it within 1 s of
 * the scheduler logging it" (the log's own stamps have whole seconds).
 */
export class FileFollower {
  readonly lines: SeenLine[] = [];
  private offset = 0;
  private partial = '';
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly file: string,
    everyMs = 20,
    /** Start at the current end (true) or read what is there already. */
    fromEnd = true,
  ) {
    if (fromEnd && existsSync(file)) this.offset = statSync(file).size;
    this.timer = setInterval(() => this.poll(), everyMs);
  }

  private poll(): void {
    if (!existsSync(this.file)) return;
    const size = statSync(this.file).size;
    if (size < this.offset) this.offset = 0; // rotated or truncated
    if (size === this.offset) return;
    const fd = openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(size - this.offset);
      const n = readSync(fd, buf, 0, buf.length, this.offset);
      this.offset += n;
      const text = this.partial + buf.subarray(0, n).toString('utf8');
      const parts = text.split('\n');
      this.partial = parts.pop() ?? '';
      const now = Date.now();
      for (const line of parts) this.lines.push({ text: line, seenAt: now });
    } finally {
      closeSync(fd);
    }
  }

  /** The first line seen matching `pattern`, waiting up to `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<SeenLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find((l) => pattern.test(l.text));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`${this.file}: no line matching ${pattern} within ${timeoutMs} ms; last lines:\n${this.tail(10)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  tail(n: number): string {
    return this.lines
      .slice(-n)
      .map((l) => l.text)
      .join('\n');
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
