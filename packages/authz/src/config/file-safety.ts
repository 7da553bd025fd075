/**
 * An owner's or a workflow's config decides who may act as that owner. If
 * anyone else could write it, anyone else could grant themselves that
 * power: such a file is refused as a whole, and the reason shown.
 */
import { statSync } from 'node:fs';

/** The parts of fs.Stats the check needs (so tests can hand in any). */
export interface FileStatus {
  readonly uid: number;
  readonly mode: number;
  isFile(): boolean;
}

export type SafetyVerdict = { readonly safe: true } | { readonly safe: false; readonly reason: string };

const GROUP_OR_OTHER_WRITE = 0o022;

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** Whether a file with `status` may be trusted as the config of the account with uid `ownerUid`. */
export function checkFileSafety(status: FileStatus, ownerUid: number): SafetyVerdict {
  if (!status.isFile()) return { safe: false, reason: 'refused: not a regular file' };
  if (status.uid !== ownerUid) {
    return { safe: false, reason: `refused: owned by uid ${status.uid}, not by the workflow owner (uid ${ownerUid})` };
  }
  if ((status.mode & GROUP_OR_OTHER_WRITE) !== 0) {
    return { safe: false, reason: `refused: others can write it (mode ${octal(status.mode)}); run chmod go-w on it` };
  }
  return { safe: true };
}

/** The same check on the file at `path` (following symbolic links to the file that is read). */
export function checkFileSafetyOf(path: string, ownerUid: number): SafetyVerdict {
  let status: FileStatus;
  try {
    status = statSync(path);
  } catch (err) {
    const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
    return { safe: false, reason: `refused: cannot stat it (${typeof code === 'string' ? code : String(err)})` };
  }
  return checkFileSafety(status, ownerUid);
}
