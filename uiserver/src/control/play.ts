import { InvalidNameError, parseWorkflowName } from '../logs/names';
import { runCommand } from './run-command';

export interface WorkflowControlOptions {
  /** The `cylc` executable (a path, or a name looked up in PATH). */
  readonly cylcCommand: string;
  /** The environment Cylc runs in (the owner's); default: this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Default 60 s: validation and start-up of a large workflow take a while. */
  readonly timeoutMs?: number;
  /** Output kept per stream (default 64 KiB). */
  readonly maxOutputBytes?: number;
}

/** The name is not a workflow name; nothing was run. */
export class InvalidWorkflowNameError extends InvalidNameError {
  override readonly name: string = 'InvalidWorkflowNameError';
}

/** Cylc ran and failed (or did not finish in time). `message` is what Cylc said, for showing to the person who asked. */
export class CylcCommandError extends Error {
  override readonly name = 'CylcCommandError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    /** Everything Cylc printed (capped). */
    readonly output: string,
  ) {
    super(message);
  }
}

export const DEFAULT_PLAY_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
/** Enough of Cylc's complaint to say why; a traceback's last lines say it. */
const MESSAGE_MAX_LINES = 20;
const MESSAGE_MAX_CHARS = 2_000;

/**
 * Starting and stopping workflows that are not a scheduler call. Only
 * `play` lives here: stopping is a scheduler mutation.
 */
export class WorkflowControl {
  private readonly playing = new Map<string, Promise<{ output: string }>>();

  constructor(private readonly options: WorkflowControlOptions) {}

  /**
   * `cylc play <name>` (`clouds/run1`, or `clouds` for the latest run).
   * A second request for a name already starting shares the first one's
   * outcome rather than racing it into "already running".
   */
  play(name: string): Promise<{ output: string }> {
    try {
      parseWorkflowName(name);
    } catch (err) {
      if (err instanceof InvalidNameError) return Promise.reject(new InvalidWorkflowNameError(err.message));
      return Promise.reject(err);
    }
    const running = this.playing.get(name);
    if (running) return running;
    const started = this.run(['play', name]).finally(() => this.playing.delete(name));
    this.playing.set(name, started);
    return started;
  }

  private async run(args: readonly string[]): Promise<{ output: string }> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_PLAY_TIMEOUT_MS;
    const result = await runCommand(this.options.cylcCommand, args, {
      env: this.options.env,
      timeoutMs,
      maxOutputBytes: this.options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    });
    const output = joinOutput(result.stdout, result.stderr);
    const what = `cylc ${args[0] ?? ''}`;
    if (result.timedOut)
      throw new CylcCommandError(`${what} did not finish within ${Math.round(timeoutMs / 1000)} s.`, result.exitCode, output);
    if (result.exitCode !== 0) {
      const said = lastLines(stripAnsi(result.stderr).trim() || stripAnsi(result.stdout).trim());
      const fallback = result.signal ? `${what} was ended by ${result.signal}.` : `${what} failed (exit code ${String(result.exitCode)}).`;
      throw new CylcCommandError(said || fallback, result.exitCode, output);
    }
    return { output };
  }
}

function joinOutput(stdout: string, stderr: string): string {
  return [stdout.trimEnd(), stderr.trimEnd()].filter((part) => part !== '').join('\n');
}

function lastLines(text: string): string {
  const lines = text.split('\n').slice(-MESSAGE_MAX_LINES).join('\n');
  return lines.length > MESSAGE_MAX_CHARS ? `…${lines.slice(-MESSAGE_MAX_CHARS)}` : lines;
}

/** Cylc colours its messages on a terminal; a page shows the codes as junk. */
function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}
