/**
 * A stopped run's history for the monitor: its run database read as an
 * `EntireWorkflow` snapshot, and a version of the database file so it is
 * read again only when the file changes (a scheduler writing its last rows
 * while stopping, or a run played and stopped between two scans).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntireWorkflow } from './data-messages';
import { isErrno } from './fs-util';
import { RUN_DB_FILE, withRunDb } from './run-db';
import type { SnapshotLimits, SnapshotWorkflow } from './run-db-snapshot';

/** No database: a run installed but never played. */
export const NO_RUN_DB = 'none';

/** Changes whenever the run database is written; NO_RUN_DB if there is none. */
export async function runDbVersion(runDir: string): Promise<string> {
  try {
    const info = await stat(join(runDir, RUN_DB_FILE));
    return `${info.size}:${info.mtimeMs}`;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return NO_RUN_DB;
    throw err;
  }
}

/**
 * Reads the snapshot (RunDbError if the database cannot be read).
 * `busyTimeoutMs` is short: reads are synchronous, and a scheduler holding
 * its write lock should cost a retry at the next scan, not a stalled server.
 */
export function readRunHistory(runDir: string, workflow: SnapshotWorkflow, limits: SnapshotLimits | undefined): EntireWorkflow {
  return withRunDb(runDir, (db) => db.snapshot(workflow, limits), { busyTimeoutMs: 500 });
}

/** What a run without a readable database shows: just the workflow, stopped. */
export function emptyRunHistory(workflow: SnapshotWorkflow): EntireWorkflow {
  return { workflow: { id: `~${workflow.owner}/${workflow.name}`, name: workflow.name, owner: workflow.owner, status: 'stopped' } };
}
