/**
 * Reads the process table from /proc. The launcher only ever signals
 * processes it can prove are Isobar UI servers of the calling user, started
 * at the recorded time: a pid alone could have been reused.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { UISERVER_MARKER } from '../protocol';

export interface ProcessInfo {
  pid: number;
  uid: number;
  startTime: number;
  argv: string[];
  /** 'Z' for a zombie, which counts as gone. */
  state: string;
}

export function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0] ?? '?';
    const startTime = Number(rest[19]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const uidLine = /^Uid:\s+(\d+)/m.exec(status);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((a) => a !== '');
    return { pid, uid: uidLine ? Number(uidLine[1]) : -1, startTime, argv, state };
  } catch {
    return undefined;
  }
}

export function isUiServer(info: ProcessInfo): boolean {
  return info.argv.includes(UISERVER_MARKER) && info.state !== 'Z';
}

/** The address a UI server was told to bind, from its argv. */
export function boundAddress(info: ProcessInfo): string | undefined {
  const i = info.argv.indexOf('--bind');
  return i >= 0 ? info.argv[i + 1] : undefined;
}

export function listUiServers(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info && isUiServer(info)) found.push(info);
  }
  return found;
}

/** The calling user's UI server with this pid and start time, or undefined. */
export function findOwnUiServer(pid: number, startTime: number, uid: number): ProcessInfo | undefined {
  const info = readProcess(pid);
  if (!info || info.uid !== uid || info.startTime !== startTime || !isUiServer(info)) return undefined;
  return info;
}
