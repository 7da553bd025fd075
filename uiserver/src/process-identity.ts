/**
 * Who this process is, as the launcher and the spawner daemon identify it:
 * the pid plus its start time (clock ticks since boot, /proc/PID/stat field
 * 22), so a later status or stop can never hit a process that reused the pid.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

export function processStartTime(pid: number | 'self' = 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19]);
}

export function unixUserName(): string {
  return userInfo().username;
}
