/**
 * Drives the test bed's scripts (test/bed/*.sh) from tests: the hub, the
 * sshd hosts and the site config. The scripts are the recipe; this only
 * calls them.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const BED_DIR = join(__dirname, '..', '..', 'bed');
export const PUBLIC_URL = process.env.ISOBAR_PUBLIC_URL ?? 'http://127.0.0.1:8000';
export const HUB_ACCOUNT = 'isobar';
export const HOSTS = [
  { name: 'host-a', address: '127.0.0.2' },
  { name: 'host-b', address: '127.0.0.3' },
  { name: 'host-c', address: '127.0.0.4' },
] as const;
export const E2E_SITE = '/etc/isobar/site-e2e.yaml';

export function password(user: string): string {
  return `isobar-demo-${user}`;
}

export function bed(script: string, args: string[] = [], env: Record<string, string> = {}): string {
  try {
    return execFileSync('bash', [join(BED_DIR, script), ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${script} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export interface SiteOverrides {
  idleTimeout?: number;
  keepalive?: number;
  pollInterval?: number;
  selector?: string;
  selectorOptions?: string;
  daemonPort?: number;
  metricsMaxAge?: number;
  connectionIdleTimeout?: number;
  /** Seconds an elevation to execute lasts (and to write, unless `writeElevationSeconds`). */
  elevationSeconds?: number;
  writeElevationSeconds?: number;
}

export function writeSite(file: string, o: SiteOverrides = {}): void {
  const env: Record<string, string> = {};
  if (o.idleTimeout !== undefined) env.BED_IDLE_TIMEOUT = String(o.idleTimeout);
  if (o.keepalive !== undefined) env.BED_KEEPALIVE = String(o.keepalive);
  if (o.pollInterval !== undefined) env.BED_POLL_INTERVAL = String(o.pollInterval);
  if (o.selector !== undefined) env.BED_SELECTOR = o.selector;
  if (o.selectorOptions !== undefined) env.BED_SELECTOR_OPTIONS = o.selectorOptions;
  if (o.daemonPort !== undefined) env.BED_DAEMON_PORT = String(o.daemonPort);
  if (o.metricsMaxAge !== undefined) env.BED_METRICS_MAX_AGE = String(o.metricsMaxAge);
  if (o.connectionIdleTimeout !== undefined) env.BED_CONNECTION_IDLE = String(o.connectionIdleTimeout);
  if (o.elevationSeconds !== undefined) env.BED_ELEVATION_SECONDS = String(o.elevationSeconds);
  if (o.writeElevationSeconds !== undefined) env.BED_ELEVATION_WRITE_SECONDS = String(o.writeElevationSeconds);
  bed('site.sh', [file], env);
}

export function startHub(site: string = E2E_SITE): void {
  bed('hub.sh', ['start'], { ISOBAR_SITE_CONFIG: site });
}

export function stopHub(): void {
  bed('hub.sh', ['stop']);
}

export function startHosts(...names: string[]): void {
  bed('hosts.sh', ['start', ...names]);
}

export function stopHosts(...names: string[]): void {
  bed('hosts.sh', ['stop', ...names]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
