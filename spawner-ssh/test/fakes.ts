/** Test doubles for the spawner's SSH side (unit tests only; end-to-end tests use real sshd). */
import type { HostCandidate, HostSelector } from '@isobar/core';
import type { ExecResult, SshExecutor, SshHost } from '../src/daemon/ssh-pool';
import { SshFailure } from '../src/daemon/ssh-errors';
import { HostHealth } from '../src/daemon/host-health';
import { MetricsCache } from '../src/daemon/metrics-cache';
import { ProgressBoard } from '../src/daemon/progress';
import { Spawner } from '../src/daemon/spawner';
import type { LaunchAuthz } from '../src/protocol';

export type HostBehaviour = 'ok' | 'refused' | 'launch-error';

export class FakeExecutor implements SshExecutor {
  readonly calls: Array<{ host: string; user: string; command: string; stdin: string | undefined }> = [];
  private nextPid = 1000;

  constructor(readonly behaviour: Record<string, HostBehaviour>) {}

  async exec(host: SshHost, user: string, command: string, stdin: string | undefined): Promise<ExecResult> {
    this.calls.push({ host: host.name, user, command, stdin });
    const b = this.behaviour[host.name] ?? 'ok';
    if (b === 'refused') throw new SshFailure('unreachable', 'ECONNREFUSED 127.0.0.9:2222');
    if (b === 'launch-error') return { stdout: JSON.stringify({ ok: false, error: 'node not found' }) + '\n', stderr: '', exitCode: 1 };
    if (command === 'launch') {
      return {
        stdout: JSON.stringify({ event: 'listening', ip: host.address, port: 40000, pid: this.nextPid++, startTime: 5 }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    }
    if (command === 'metrics') {
      return {
        stdout:
          JSON.stringify({
            ok: true,
            load1: 0.1,
            load5: 0.1,
            load15: 0.1,
            cpus: 2,
            memAvailableBytes: 1e9,
            memTotalBytes: 2e9,
            uiservers: 0,
          }) + '\n',
        stderr: '',
        exitCode: 0,
      };
    }
    if (command.startsWith('status')) return { stdout: '{"ok":true,"running":true}\n', stderr: '', exitCode: 0 };
    return { stdout: '{"ok":true,"stopped":true,"signal":"TERM"}\n', stderr: '', exitCode: 0 };
  }
}

/** Keeps the configured order: failover is then easy to predict. */
export const inOrder: HostSelector = {
  name: 'in-order',
  needsMetrics: false,
  async order(candidates: readonly HostCandidate[]) {
    return [...candidates];
  },
};

export const HOSTS: SshHost[] = [
  { name: 'host-a', address: '127.0.0.2', port: 2222 },
  { name: 'host-b', address: '127.0.0.3', port: 2222 },
  { name: 'host-c', address: '127.0.0.4', port: 2222 },
];

/** Fewest UI servers (as the metrics say) first: what least-loaded does, minus its options. */
export const fewestServers: HostSelector = {
  name: 'fewest-servers',
  needsMetrics: true,
  async order(candidates: readonly HostCandidate[]) {
    const load = (c: HostCandidate) => (c.metrics?.uiservers ?? Infinity) + c.pending;
    return [...candidates].sort((a, b) => load(a) - load(b));
  },
};

/** What the daemon computes from the site config for every UI server (launchAuthzOf). */
export const AUTHZ: LaunchAuthz = {
  grantKeyUrl: 'http://127.0.0.1:8770/services/isobar/api/grant-key',
  rolesUrl: 'http://127.0.0.1:8770/services/isobar/api/roles',
  auditUrl: 'http://127.0.0.1:8770/services/isobar/api/audit',
  authzSiteFile: '/etc/isobar/authz.yaml',
  ownersExempt: false,
};

/** A Spawner over a FakeExecutor, with the hosts above in configured order. */
export function makeSpawner(behaviour: Record<string, HostBehaviour>, now: () => number = Date.now, selector: HostSelector = inOrder) {
  const exec = new FakeExecutor(behaviour);
  const progress = new ProgressBoard();
  const health = new HostHealth(30_000, now);
  const spawner = new Spawner(
    {
      hosts: HOSTS,
      selector,
      launchTimeoutMs: 1000,
      statusTimeoutMs: 1000,
      stopTimeoutSeconds: 5,
      idleTimeoutSeconds: 600,
      keepaliveSeconds: 30,
      cylcCommand: 'cylc',
      authz: AUTHZ,
    },
    exec,
    health,
    new MetricsCache(exec, 'isobar', 5000, 1000),
    progress,
  );
  return { exec, progress, spawner, health };
}
