import { spawn } from 'node:child_process';

export interface RunCommandOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** The command is killed (SIGTERM, then SIGKILL) when it runs longer. */
  readonly timeoutMs: number;
  /** Output kept per stream; the rest is read and dropped so the command never blocks on a full pipe. */
  readonly maxOutputBytes: number;
  /** After SIGTERM, how long before SIGKILL. */
  readonly killGraceMs?: number;
}

export interface CommandResult {
  /** null when ended by a signal. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** The command could not be started at all (not found, not executable). */
export class CommandStartError extends Error {
  override readonly name = 'CommandStartError';
}

/**
 * How long to wait for the output pipes to close after the command has
 * exited. A command that starts a daemon (as `cylc play` does) may leave
 * a grandchild holding them for a moment, or for ever if it misbehaves.
 */
const PIPE_CLOSE_GRACE_MS = 500;

/** Run `command` with `args` as argv (never through a shell), collecting capped output. */
export function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const stdout = new CappedText(options.maxOutputBytes);
    const stderr = new CappedText(options.maxOutputBytes);
    child.stdout.on('data', (data: Buffer) => stdout.add(data));
    child.stderr.on('data', (data: Buffer) => stderr.add(data));
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const timeout = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 5_000);
    }, options.timeoutMs);
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      clearTimeout(killTimer);
      clearTimeout(graceTimer);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ exitCode, signal, stdout: stdout.text(), stderr: stderr.text(), timedOut });
    };
    child.on('exit', (code, signal) => {
      graceTimer = setTimeout(() => finish(code, signal), PIPE_CLOSE_GRACE_MS);
    });
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => finish(code, signal));
    child.on('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      clearTimeout(killTimer);
      reject(new CommandStartError(`cannot run ${command}: ${err.message}`));
    });
  });
}

/** Keeps the first `max` bytes of a stream. */
class CappedText {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = false;

  constructor(private readonly max: number) {}

  add(data: Buffer): void {
    const room = this.max - this.kept;
    if (data.length > room) this.dropped = true;
    if (room <= 0) return;
    const part = data.subarray(0, room);
    this.chunks.push(part);
    this.kept += part.length;
  }

  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped ? `${text}\n[output cut at ${this.max} bytes]` : text;
  }
}
