/** The process table, read from /proc, for checks of who runs what. */
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface Proc {
  pid: number;
  uid: number;
  user: string;
  argv: string[];
}

const names = new Map<number, string>();
function userName(uid: number): string {
  let name = names.get(uid);
  if (name === undefined) {
    name = execFileSync('id', ['-nu', String(uid)], { encoding: 'utf8' }).trim();
    names.set(uid, name);
  }
  return name;
}

export function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

export function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.length === 0) continue;
      out.push({ pid: Number(entry), uid, user: userName(uid), argv });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

export function uiServers(owner?: string): Proc[] {
  return processes().filter((p) => p.argv.includes('--isobar-uiserver') && (owner === undefined || p.user === owner));
}

/** The address a UI server was told to bind (its host). */
export function boundHost(p: Proc): string | undefined {
  const i = p.argv.indexOf('--bind');
  return i >= 0 ? p.argv[i + 1] : undefined;
}

export function environOf(pid: number): string {
  return readFileSync(`/proc/${pid}/environ`, 'utf8');
}
