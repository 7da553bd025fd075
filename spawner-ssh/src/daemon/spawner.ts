/**
 * Starts, polls and stops UI servers: chooses hosts with the selector plugin,
 * fails over host by host, and reports progress for the hub's spawn page.
 */
import type { HostCandidate, HostSelector } from '@isobar/core';
import { createLogger } from '@isobar/core';
import type { LaunchAuthz, LaunchRequest, ServerHandle } from '../protocol';
import type { HostHealth } from './host-health';
import type { MetricsCache } from './metrics-cache';
import type { ProgressBoard } from './progress';
import { callLauncher } from './remote';
import type { SshExecutor, SshHost } from './ssh-pool';
import { SshFailure } from './ssh-errors';

const log = createLogger('spawner');

export interface SpawnerSettings {
  hosts: readonly SshHost[];
  selector: HostSelector;
  launchTimeoutMs: number;
  statusTimeoutMs: number;
  stopTimeoutSeconds: number;
  idleTimeoutSeconds: number;
  cylcCommand: string;
  keepaliveSeconds: number;
  /** Passed to every UI server as is (launch-authz.ts computes it from the site config). */
  authz: LaunchAuthz;
}

export interface StartRequest {
  user: string;
  server: string;
  env: Record<string, string>;
  hubVersion?: string;
}

export class SpawnFailed extends Error {
  readonly code = 'SPAWN_FAILED';
  readonly httpStatus = 503;
  constructor(
    message: string,
    readonly attempts: Array<{ host: string; reason: string }>,
  ) {
    super(message);
  }
}

export function spawnKey(user: string, server: string): string {
  return server ? `${user}/${server}` : user;
}

export class Spawner {
  private readonly pending = new Map<string, number>();
  /** Selections run one at a time, so each sees the spawns chosen before it (see choose()). */
  private selecting: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: SpawnerSettings,
    private readonly pool: SshExecutor,
    private readonly health: HostHealth,
    private readonly metrics: MetricsCache,
    private readonly progress: ProgressBoard,
  ) {}

  private host(name: string): SshHost {
    const host = this.settings.hosts.find((h) => h.name === name);
    if (!host) throw new SpawnFailed(`host "${name}" is not in the site config`, []);
    return host;
  }

  private async refreshMetrics(): Promise<void> {
    await Promise.all(
      this.settings.hosts.map(async (host) => {
        if (this.metrics.isFresh(host.name) || this.health.backingOff(host.name)) return;
        try {
          await this.metrics.fetch(host);
        } catch (err) {
          // The last known figures (plus the servers started since) stay: one slow answer must not
          // make a busy host look empty or push a healthy one to the back. A dead host is in backoff.
          if (err instanceof SshFailure && err.isHostFault && err.kind !== 'timeout') this.health.markFailed(host.name, err.message);
          log.warn('metrics unavailable', { host: host.name, reason: (err as Error).message });
        }
      }),
    );
  }

  private candidates(): HostCandidate[] {
    return this.settings.hosts.map((h) => ({
      name: h.name,
      address: h.address,
      metrics: this.metrics.current(h.name),
      pending: this.pending.get(h.name) ?? 0,
    }));
  }

  /** Hosts in backoff go to the end: tried only when everything else failed. */
  private withBackoffLast(ordered: HostCandidate[]): HostCandidate[] {
    const healthy = ordered.filter((c) => !this.health.backingOff(c.name));
    const resting = ordered.filter((c) => this.health.backingOff(c.name));
    return [...healthy, ...resting];
  }

  async start(request: StartRequest): Promise<ServerHandle> {
    const key = spawnKey(request.user, request.server);
    this.progress.begin(key);
    try {
      this.progress.report(key, 10, 'choosing host');
      if (this.settings.selector.needsMetrics) await this.refreshMetrics();
      const ordered = await this.choose(request);
      if (ordered.length === 0) throw new SpawnFailed(`no host passed the ${this.settings.selector.name} selector's filters`, []);
      const attempts: Array<{ host: string; reason: string }> = [];
      for (const [i, candidate] of ordered.entries()) {
        if (i > 0) this.reserve(candidate.name);
        try {
          return await this.startOn(key, this.host(candidate.name), request);
        } catch (err) {
          const reason = (err as Error).message;
          attempts.push({ host: candidate.name, reason });
          if (err instanceof SshFailure && err.isHostFault) this.health.markFailed(candidate.name, reason);
          log.warn('spawn attempt failed', { user: request.user, host: candidate.name, reason });
          this.progress.report(key, 20, `${candidate.name} failed: ${reason}`);
        } finally {
          this.unreserve(candidate.name);
        }
      }
      throw new SpawnFailed(
        `could not start a UI server for ${request.user} on any host: ` + attempts.map((a) => `${a.host}: ${a.reason}`).join('; '),
        attempts,
      );
    } finally {
      this.progress.finish(key);
    }
  }

  /**
   * Orders the hosts and reserves the first one before the next selection
   * runs: a burst of spawns that all see the same metrics would otherwise
   * all choose the same "least loaded" host.
   */
  private choose(request: StartRequest): Promise<HostCandidate[]> {
    const chosen = this.selecting.then(async () => {
      const ordered = this.withBackoffLast(
        await this.settings.selector.order(this.candidates(), { user: request.user, serverName: request.server }),
      );
      if (ordered[0]) this.reserve(ordered[0].name);
      return ordered;
    });
    this.selecting = chosen.catch(() => undefined);
    return chosen;
  }

  private reserve(host: string): void {
    this.pending.set(host, (this.pending.get(host) ?? 0) + 1);
  }

  private unreserve(host: string): void {
    this.pending.set(host, (this.pending.get(host) ?? 1) - 1);
  }

  private async startOn(key: string, host: SshHost, request: StartRequest): Promise<ServerHandle> {
    this.progress.report(key, 30, `connecting to ${host.name}`);
    const launch: LaunchRequest = {
      env: request.env,
      idleTimeoutSeconds: this.settings.idleTimeoutSeconds,
      keepaliveSeconds: this.settings.keepaliveSeconds,
      cylcCommand: this.settings.cylcCommand,
      ...this.settings.authz,
      ...(request.hubVersion ? { hubVersion: request.hubVersion } : {}),
    };
    this.progress.report(key, 50, `starting UI server on ${host.name}`);
    const reply = await callLauncher(this.pool, host, request.user, 'launch', JSON.stringify(launch), this.settings.launchTimeoutMs);
    const handle = validateLaunchReply(host.name, reply);
    this.health.markHealthy(host.name);
    this.metrics.noteStarted(host.name);
    this.progress.report(key, 90, `UI server listening on ${handle.ip}:${handle.port} (${host.name})`);
    log.info('started', { user: request.user, server: request.server, host: host.name, pid: handle.pid, port: handle.port });
    return handle;
  }

  /** True/false when the host answered; throws when it could not be asked. */
  async poll(user: string, handle: ServerHandle): Promise<boolean> {
    const reply = await callLauncher(
      this.pool,
      this.host(handle.host),
      user,
      `status ${handle.pid} ${handle.startTime}`,
      undefined,
      this.settings.statusTimeoutMs,
    );
    return reply.running === true;
  }

  async stop(user: string, handle: ServerHandle): Promise<string> {
    const timeout = this.settings.stopTimeoutSeconds;
    const reply = await callLauncher(
      this.pool,
      this.host(handle.host),
      user,
      `stop ${handle.pid} ${handle.startTime} ${timeout}`,
      undefined,
      (timeout + 10) * 1000,
    );
    log.info('stopped', { user, host: handle.host, pid: handle.pid, signal: String(reply.signal) });
    return String(reply.signal);
  }
}

function validateLaunchReply(host: string, reply: Record<string, unknown>): ServerHandle {
  const { ip, port, pid, startTime } = reply;
  if (typeof ip !== 'string' || typeof port !== 'number' || typeof pid !== 'number' || typeof startTime !== 'number') {
    throw new SshFailure('remote', 'launcher reply is missing ip, port, pid or startTime');
  }
  return { host, ip, port, pid, startTime };
}
