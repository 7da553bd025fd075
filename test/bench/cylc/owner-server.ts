/**
 * A UI server started by the benchmark itself, as the launcher starts it:
 * the bundle, as the owner (setpriv, a clean environment like an SSH
 * session's), `--isobar-uiserver --bind 127.0.0.2 --user <owner>`, the
 * launch document on stdin. Not detached (`setsid --fork` in the launcher)
 * so that its pid is ours to time and to kill. Times are ms since spawn.
 */
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { get } from 'node:http';
import { createInterface } from 'node:readline';
import { launchDocument } from './launch-document';
import { parseWorkflowsLoaded, type WorkflowsLoaded } from './workflows-loaded';

const BUNDLE = `${process.env.ISOBAR_PREFIX ?? '/opt/isobar'}/uiserver/dist/uiserver.js`;
/** The node flags and malloc setting spawner-ssh/bin/isobar-launcher starts the server with. */
const NODE_FLAGS = ['--max-semi-space-size=1', '--heap-growing-percent=30'];
const MALLOC_ENV = ['MALLOC_ARENA_MAX=2'];
export const BIND_IP = '127.0.0.2';

function homeOf(user: string): string {
  const home = execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).trim().split(':')[5];
  if (!home) throw new Error(`no home directory for ${user}`);
  return home;
}

function deadline<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The port of the `{"event":"listening",…}` line, or undefined for anything else (e.g. `{"event":"error"}`). */
function listeningPort(line: string): number | undefined {
  try {
    const event = JSON.parse(line) as { event?: unknown; port?: unknown };
    return event.event === 'listening' && typeof event.port === 'number' ? event.port : undefined;
  } catch {
    return undefined;
  }
}

export class OwnerServer {
  readonly pid: number;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly spawnedAt: number;
  private readonly exited: Promise<void>;
  /** The last stderr lines, for an error message that says why. */
  private readonly stderrTail: string[] = [];
  readonly listening: Promise<{ port: number; atMs: number }>;
  readonly loaded: Promise<WorkflowsLoaded & { atMs: number }>;

  constructor(
    readonly owner: string,
    hubVersion: string,
  ) {
    const home = homeOf(owner);
    const env = [
      `HOME=${home}`,
      `USER=${owner}`,
      `LOGNAME=${owner}`,
      'SHELL=/bin/bash',
      'PATH=/usr/local/bin:/usr/bin:/bin',
      'LANG=C.UTF-8',
      ...MALLOC_ENV,
    ];
    const argv = ['node', ...NODE_FLAGS, BUNDLE, '--isobar-uiserver', '--bind', BIND_IP, '--user', owner];
    this.spawnedAt = performance.now();
    this.child = spawn('setpriv', [`--reuid=${owner}`, `--regid=${owner}`, '--init-groups', 'env', '-i', ...env, ...argv], {
      cwd: home,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (this.child.pid === undefined) throw new Error(`could not start a UI server as ${owner}`);
    // setpriv and env exec, so this pid is node's.
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.listening = this.watchStdout();
    this.loaded = this.watchStderr();
    // Unhandled if the caller never asks (e.g. a start that fails earlier).
    this.listening.catch(() => undefined);
    this.loaded.catch(() => undefined);
    // A server that exits before reading stdin must not crash the benchmark with EPIPE.
    this.child.stdin.on('error', () => undefined);
    this.child.stdin.end(launchDocument(owner, hubVersion));
  }

  private sinceSpawn(): number {
    return performance.now() - this.spawnedAt;
  }

  private watchStdout(): Promise<{ port: number; atMs: number }> {
    const lines = createInterface({ input: this.child.stdout });
    return new Promise((resolve, reject) => {
      lines.once('line', (line) => {
        const atMs = this.sinceSpawn();
        const port = listeningPort(line);
        if (port !== undefined) resolve({ port, atMs });
        else reject(new Error(`UI server as ${this.owner} did not start: ${line}`));
      });
      this.child.once('exit', (code) => reject(new Error(`UI server as ${this.owner} exited (${code}) before listening: ${this.tail()}`)));
    });
  }

  private watchStderr(): Promise<WorkflowsLoaded & { atMs: number }> {
    const lines = createInterface({ input: this.child.stderr });
    return new Promise((resolve, reject) => {
      lines.on('line', (line) => {
        const found = parseWorkflowsLoaded(line);
        if (found !== undefined) resolve({ ...found, atMs: this.sinceSpawn() });
        this.stderrTail.push(line);
        if (this.stderrTail.length > 20) this.stderrTail.shift();
      });
      this.child.once('exit', () => reject(new Error(`UI server as ${this.owner} exited without "workflows loaded": ${this.tail()}`)));
    });
  }

  tail(): string {
    return this.stderrTail.join('\n');
  }

  /**
   * Time from spawn to the first HTTP answer of any status (401 without a
   * session) to `<prefix>api/status`, asked as soon as the port is known.
   */
  async firstAnswerMs(timeoutMs = 10_000): Promise<number> {
    const { port } = await deadline(`listening line of ${this.owner}'s server`, this.listening, timeoutMs);
    const path = `/user/${this.owner}/api/status`;
    for (;;) {
      const answered = await new Promise<number | undefined>((resolve) => {
        const req = get({ host: BIND_IP, port, path, agent: false }, (res) => {
          const atMs = this.sinceSpawn();
          res.resume();
          resolve(atMs);
        });
        // Refused only if the port were announced early: ask again.
        req.on('error', () => resolve(undefined));
      });
      if (answered !== undefined) return answered;
      if (this.sinceSpawn() > timeoutMs) throw new Error(`${this.owner}'s server did not answer on ${BIND_IP}:${port}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  loadedWithin(timeoutMs: number): Promise<WorkflowsLoaded & { atMs: number }> {
    return deadline(`"workflows loaded" from ${this.owner}'s server`, this.loaded, timeoutMs);
  }

  /** SIGTERM (the server stops within about a second), SIGKILL if it has not after 3 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 3000))]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
