/** What machine a benchmark ran on, for the results file. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';

export function describeMachine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const os = /^PRETTY_NAME="?([^"\n]+)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown OS';
  const hub = execFileSync('/usr/bin/jupyterhub', ['--version'], { encoding: 'utf8' }).trim();
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${os}, Linux ${release()}, Node ${process.version}, JupyterHub ${hub}`;
}
