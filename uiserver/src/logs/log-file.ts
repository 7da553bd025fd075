import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { isMissing, type LogNotFoundError } from './log-paths';
import { leadingContinuationBytes } from './utf8-chunks';

/** An open log file and what identifies it, to notice when it is replaced. */
export interface OpenLogFile {
  readonly handle: FileHandle;
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
}

/**
 * Open a real path that LogPaths has vetted. O_NOFOLLOW: should the last
 * component have become a link since it was vetted, refuse rather than
 * follow it. O_NONBLOCK: a FIFO put in place of a log must not hang a
 * thread of the pool (and is then refused as not a regular file).
 */
export async function openLogFile(realPath: string, missing: () => LogNotFoundError): Promise<OpenLogFile> {
  let handle: FileHandle;
  try {
    handle = await open(realPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    if (isMissing(err)) throw missing();
    throw err;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw missing();
    return { handle, dev: stats.dev, ino: stats.ino, size: stats.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * The first character boundary at or after `position`: a backlog that
 * starts inside a multibyte character would otherwise begin with garbage.
 */
export async function characterStart(handle: FileHandle, position: number, size: number): Promise<number> {
  if (position <= 0 || position >= size) return Math.max(0, Math.min(position, size));
  const probe = Buffer.alloc(3);
  const { bytesRead } = await handle.read(probe, 0, Math.min(3, size - position), position);
  return position + leadingContinuationBytes(probe.subarray(0, bytesRead));
}
