import type { Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { type CylcId, formatCylcId, type JobId, type TaskId, type WorkflowId } from './cylc-id';
import { checkLogFileName } from './names';

/**
 * Something asked for does not exist, or lies outside the run's log
 * directory (which, to the client, is the same thing). The message names
 * the ID and file as asked, never a path on disk.
 */
export class LogNotFoundError extends Error {
  override readonly name = 'LogNotFoundError';
}

/** A directory entry that resolved to a place inside the log directory. */
export interface ConfinedEntry {
  readonly name: string;
  readonly realPath: string;
  readonly stats: Stats;
}

/** Errors that mean "not there" (or "not reachable", which the client cannot tell apart). */
const MISSING_CODES = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES', 'EPERM', 'ENAMETOOLONG']);

/**
 * Maps IDs to places under `<cylcRun>/<name>/log/`. Every answer is a real
 * path (symlinks resolved) that lies inside the real path of the run's
 * `log` directory: Cylc's own links (`runN`, `NN`, `scheduler/log`) are
 * followed, links leading elsewhere are treated as missing.
 */
export class LogPaths {
  constructor(private readonly cylcRun: string) {}

  /** The real path of the run's `log` directory. */
  async logDir(id: CylcId): Promise<string> {
    const runDir = await this.runDir(id.workflowSegments);
    const missing = (): LogNotFoundError => new LogNotFoundError(`No workflow ~${id.owner}/${id.workflow} on this server.`);
    const real = await orMissing(realpath(join(runDir, 'log')), missing);
    const stats = await orMissing(stat(real), missing);
    if (!stats.isDirectory()) throw missing();
    return real;
  }

  /** The directory an ID's listing shows: `scheduler/`, `job/<cycle>/<task>/` or `job/<cycle>/<task>/<NN>/`. */
  async listedDir(id: CylcId): Promise<string> {
    return (await this.locate(id)).dir;
  }

  /** The real path of one log file of a workflow (scheduler log) or a job. */
  async file(id: WorkflowId | JobId, file: string): Promise<string> {
    checkLogFileName(file);
    const { logDir, dir } = await this.locate(id);
    const missing = (): LogNotFoundError => new LogNotFoundError(`No log file "${file}" for ${formatCylcId(id)}.`);
    const real = await this.confine(logDir, join(dir, file), missing);
    const stats = await orMissing(stat(real), missing);
    if (!stats.isFile()) throw missing();
    return real;
  }

  /**
   * The entries of a listed directory whose names pass `accept` and which
   * resolve inside the log directory; others are left out silently.
   */
  async entries(id: CylcId, accept: (name: string) => boolean): Promise<ConfinedEntry[]> {
    const { logDir, dir } = await this.locate(id);
    const names = (await orMissing(readdir(dir), () => new LogNotFoundError(`No logs for ${formatCylcId(id)}.`))).filter(accept);
    const found = await Promise.all(
      names.map(async (name): Promise<ConfinedEntry | undefined> => {
        try {
          const realPath = await this.confine(logDir, join(dir, name), () => new LogNotFoundError(name));
          return { name, realPath, stats: await stat(realPath) };
        } catch (err) {
          // Removed meanwhile, or a link leading out: not part of the listing.
          if (err instanceof LogNotFoundError || isMissing(err)) return undefined;
          throw err;
        }
      }),
    );
    return found.filter((entry): entry is ConfinedEntry => entry !== undefined).sort((a, b) => compareNames(a.name, b.name));
  }

  /** The real path of `path`, which must lie inside `logDir` (itself a real path). */
  async confine(logDir: string, path: string, missing: () => LogNotFoundError): Promise<string> {
    const real = await orMissing(realpath(path), missing);
    if (real !== logDir && !real.startsWith(logDir + sep)) throw missing();
    return real;
  }

  private async locate(id: CylcId): Promise<{ logDir: string; dir: string }> {
    const logDir = await this.logDir(id);
    const missing = (): LogNotFoundError => new LogNotFoundError(`No logs for ${formatCylcId(id)}.`);
    const dir = await this.confine(logDir, join(logDir, ...relativeDir(id)), missing);
    const stats = await orMissing(stat(dir), missing);
    if (!stats.isDirectory()) throw missing();
    return { logDir, dir };
  }

  /** `<cylcRun>/<name>`, or its `runN` when the name has no run part and Cylc installed numbered runs. */
  private async runDir(segments: readonly string[]): Promise<string> {
    const named = join(this.cylcRun, ...segments);
    const latest = join(named, 'runN');
    try {
      await lstat(latest);
      return latest;
    } catch (err) {
      if (isMissing(err)) return named;
      throw err;
    }
  }
}

function relativeDir(id: CylcId): string[] {
  switch (id.kind) {
    case 'workflow':
      return ['scheduler'];
    case 'task':
      return taskDir(id);
    case 'job':
      return [...taskDir(id), id.submit];
  }
}

function taskDir(id: TaskId | JobId): string[] {
  return ['job', id.cycle, id.task];
}

export function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && MISSING_CODES.has(err.code);
}

/** Await `promise`; a "not there" error becomes `missing()` (file system messages hold absolute paths). */
async function orMissing<T>(promise: Promise<T>, missing: () => LogNotFoundError): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (isMissing(err)) throw missing();
    throw err;
  }
}

/** Numbers in numeric order (`9` before `10`), the rest by code point: stable across locales. */
function compareNames(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
