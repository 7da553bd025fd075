/**
 * Lists the workflow runs installed in a `~/cylc-run` directory, as
 * `cylc scan` does: a directory holding `flow.cylc` (or `suite.rc`) is a run;
 * other directories are searched for nested IDs (`a/b/c`) down to `maxDepth`;
 * `runN` links and `_cylc-install` are not descended into. A run is running
 * while its contact file exists.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CONTACT_FILE } from './contact';
import { isErrno } from './fs-util';

export interface ScannedRun {
  /** Run ID relative to the cylc-run directory, e.g. `clouds/run1` or `a/b/c`. */
  readonly id: string;
  /** Workflow ID without the run name, e.g. `clouds` (same as `id` for unnumbered installs). */
  readonly workflow: string;
  /** `run1`, `run2`, … when the workflow was installed with numbered runs, else undefined. */
  readonly run: string | undefined;
  /** Whether `runN` points at this run (true for unnumbered installs). */
  readonly latest: boolean;
  readonly runDir: string;
  /** The contact file exists: a scheduler is (or was, if it crashed) running. */
  readonly running: boolean;
}

export interface ScanOptions {
  /** How many directory levels to descend (Cylc's `[install]max depth`, default 4). */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 4;
const FLOW_FILES = ['flow.cylc', 'suite.rc'];
const SKIP = new Set(['runN', '_cylc-install']);
const NUMBERED_RUN = /^run\d+$/;

/** Scans `cylcRun` (e.g. `/home/alice/cylc-run`); a missing directory has no runs. Sorted by id. */
export async function scanRuns(cylcRun: string, options: ScanOptions = {}): Promise<ScannedRun[]> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const found: ScannedRun[] = [];
  await walk(cylcRun, cylcRun, 0, maxDepth, found);
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function listDirectories(dir: string): Promise<{ names: Set<string>; dirs: string[] } | undefined> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR') || isErrno(err, 'EACCES')) return undefined;
    throw err;
  }
  return {
    names: new Set(entries.map((e) => e.name)),
    dirs: entries.filter((e) => e.isDirectory() && !SKIP.has(e.name)).map((e) => e.name),
  };
}

async function walk(root: string, dir: string, depth: number, maxDepth: number, found: ScannedRun[]): Promise<void> {
  const listing = await listDirectories(dir);
  if (listing === undefined) return;
  if (depth > 0 && FLOW_FILES.some((f) => listing.names.has(f))) {
    found.push(await describeRun(root, dir));
    return;
  }
  if (depth >= maxDepth) return;
  await Promise.all(listing.dirs.map((name) => walk(root, join(dir, name), depth + 1, maxDepth, found)));
}

async function describeRun(root: string, runDir: string): Promise<ScannedRun> {
  const id = relative(root, runDir).split(sep).join('/');
  const slash = id.lastIndexOf('/');
  const last = id.slice(slash + 1);
  const parent = runDir.slice(0, runDir.length - last.length - 1);
  const runN = slash > 0 && NUMBERED_RUN.test(last) ? await resolveRunN(parent) : undefined;
  const numbered = runN !== undefined;
  return {
    id,
    workflow: numbered ? id.slice(0, slash) : id,
    run: numbered ? last : undefined,
    latest: numbered ? runN === (await realpath(runDir)) : true,
    runDir,
    running: await exists(join(runDir, CONTACT_FILE)),
  };
}

/** The real path `<dir>/runN` points at, or undefined if there is no such link. */
async function resolveRunN(dir: string): Promise<string | undefined> {
  const link = join(dir, 'runN');
  try {
    if (!(await lstat(link)).isSymbolicLink()) return undefined;
    return await realpath(link);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}
