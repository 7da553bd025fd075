import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { launchEnv } from './launch-env';
import type { FakeHub } from './fake-hub';

export const MAIN = join(__dirname, '..', '..', 'src', 'main.js');
export const ARGS = ['--isobar-uiserver', '--bind', '127.0.0.1'];

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A uiserver child process started the way the launcher starts it. */
export interface Launched {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly listeningLine: string;
  /** Everything written to stdout, once stdout has ended. */
  readonly stdout: Promise<string>;
  readonly exited: Promise<Exit>;
  stderr(): string;
  kill(): Promise<Exit>;
}

/** The launch document the spawner would send for alice's server, pointed at `hub`. */
export function launchDocument(
  hub: FakeHub,
  extra: Record<string, unknown> = {},
  env: Record<string, string | undefined> = {},
): Record<string, unknown> {
  return {
    env: launchEnv({
      JUPYTERHUB_API_TOKEN: hub.apiToken,
      JUPYTERHUB_CLIENT_ID: hub.clientId,
      JUPYTERHUB_API_URL: hub.apiUrl,
      JUPYTERHUB_ACTIVITY_URL: `${hub.apiUrl}/users/alice/activity`,
      JUPYTERHUB_OAUTH_CALLBACK_URL: hub.callback,
      ...env,
    }),
    idleTimeoutSeconds: 600,
    keepaliveSeconds: 30,
    ...extra,
  };
}

function start(
  input: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): { child: ChildProcessWithoutNullStreams; stdout: Promise<string>; exited: Promise<Exit>; stderr: () => string } {
  // The environment is the test runner's own: nothing secret is added to it.
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env } : {}) });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const stdout = new Promise<string>((resolve) => child.stdout.on('end', () => resolve(out)));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  return { child, stdout, exited, stderr: () => err };
}

/** Run to exit (for start-up failures). */
export async function runToExit(input: string, args: readonly string[] = ARGS): Promise<Exit & { stdout: string; stderr: string }> {
  const run = start(input, args);
  const exit = await run.exited;
  return { ...exit, stdout: await run.stdout, stderr: run.stderr() };
}

/** Start a server and wait for its listening line. */
export async function launch(doc: unknown, args: readonly string[] = ARGS, env?: NodeJS.ProcessEnv): Promise<Launched> {
  const run = start(typeof doc === 'string' ? doc : JSON.stringify(doc), args, env);
  const line = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: string): void => {
      seen += chunk;
      const newline = seen.indexOf('\n');
      if (newline >= 0) {
        run.child.stdout.off('data', onData);
        resolve(seen.slice(0, newline + 1));
      }
    };
    run.child.stdout.on('data', onData);
    void run.exited.then((exit) => reject(new Error(`uiserver exited (${String(exit.code)}) before listening: ${run.stderr()}`)));
  });
  const listening = JSON.parse(line) as { port: number };
  return {
    child: run.child,
    port: listening.port,
    origin: `http://127.0.0.1:${listening.port}`,
    listeningLine: line,
    stdout: run.stdout,
    exited: run.exited,
    stderr: run.stderr,
    kill: async () => {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
      return run.exited;
    },
  };
}
