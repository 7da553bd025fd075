import { type CylcId, formatCylcId } from './cylc-id';
import type { LogPaths } from './log-paths';
import { isLogFileName, isNumberedSubmit } from './names';

export interface LogFileInfo {
  readonly name: string;
  readonly size: number;
  /** ISO 8601, UTC. */
  readonly modified: string;
}

export type LogListing =
  | { readonly id: string; readonly kind: 'workflow'; readonly files: readonly LogFileInfo[] }
  | { readonly id: string; readonly kind: 'task'; readonly submits: readonly string[] }
  | { readonly id: string; readonly kind: 'job'; readonly files: readonly LogFileInfo[] };

/**
 * What there is to read for an ID: a workflow's scheduler logs, a task's
 * submits, or a job's files. Only regular files with plain names are
 * listed (and only numbered submit directories: `NN` is a link to one).
 */
export async function listLogs(paths: LogPaths, id: CylcId): Promise<LogListing> {
  const text = formatCylcId(id);
  if (id.kind === 'task') {
    const entries = await paths.entries(id, isNumberedSubmit);
    return { id: text, kind: 'task', submits: entries.filter((entry) => entry.stats.isDirectory()).map((entry) => entry.name) };
  }
  const entries = await paths.entries(id, isLogFileName);
  const files = entries
    .filter((entry) => entry.stats.isFile())
    .map((entry) => ({ name: entry.name, size: entry.stats.size, modified: entry.stats.mtime.toISOString() }));
  return id.kind === 'workflow' ? { id: text, kind: 'workflow', files } : { id: text, kind: 'job', files };
}
