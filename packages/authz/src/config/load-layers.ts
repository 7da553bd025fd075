/**
 * Reading the layer files from disk, each with a snapshot of its identity
 * (inode, size, times) so that a change is noticed without reading it again.
 */
import { readFileSync, statSync } from 'node:fs';
import type { ConfigProblem } from '@isobar/core';
import { checkFileSafetyOf } from './file-safety';
import { parseGrantsLayer, refusedGrantsLayer } from './parse-grants';
import { parseSiteLayer, refusedSiteLayer } from './parse-site';
import type { GrantsLayer, SiteLayer } from './types';

export interface FileSnapshot {
  readonly path: string;
  /** Empty when the file does not exist; otherwise what changes when it is edited or replaced. */
  readonly identity: string;
}

export function snapshotOf(path: string): FileSnapshot {
  try {
    const status = statSync(path, { bigint: true });
    return { path, identity: `${status.dev}:${status.ino}:${status.size}:${status.mtimeNs}:${status.ctimeNs}` };
  } catch {
    return { path, identity: '' };
  }
}

export function exists(snapshot: FileSnapshot): boolean {
  return snapshot.identity !== '';
}

function readProblem(file: string, err: unknown): ConfigProblem {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : err instanceof Error ? err.message : String(err);
  return { file, key: '', message: `cannot read it: ${why}` };
}

/** The site layer; a missing file is a problem too: without it nobody but owners may do anything. */
export function loadSiteLayer(path: string): SiteLayer {
  try {
    return parseSiteLayer(readFileSync(path, 'utf8'), path);
  } catch (err) {
    const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
    if (code === 'ENOENT') {
      return refusedSiteLayer(path, [
        { file: path, key: '', message: 'no site authorisation config: only owners may use their workflows' },
      ]);
    }
    return refusedSiteLayer(path, [readProblem(path, err)]);
  }
}

/**
 * An owner's or workflow's layer, or undefined when the file does not exist
 * (the layer then says nothing). `ownerUid` undefined: the owner's account is
 * unknown, so nobody can vouch for the file and it is refused.
 */
export function loadGrantsLayer(path: string, layer: GrantsLayer['layer'], ownerUid: number | undefined): GrantsLayer | undefined {
  if (!exists(snapshotOf(path))) return undefined;
  if (ownerUid === undefined) {
    return refusedGrantsLayer(path, layer, [
      { file: path, key: '', message: "refused: the owner's account is unknown, so its owner cannot be checked" },
    ]);
  }
  const verdict = checkFileSafetyOf(path, ownerUid);
  if (!verdict.safe) return refusedGrantsLayer(path, layer, [{ file: path, key: '', message: verdict.reason }]);
  try {
    return parseGrantsLayer(readFileSync(path, 'utf8'), path, layer);
  } catch (err) {
    return refusedGrantsLayer(path, layer, [readProblem(path, err)]);
  }
}
