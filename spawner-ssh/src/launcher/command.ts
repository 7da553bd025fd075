/**
 * Parses SSH_ORIGINAL_COMMAND. The grammar is deliberately tiny and strict:
 * the key is only ever meant to do these four things, so anything else is
 * refused rather than interpreted.
 */

export type LauncherCommand =
  | { verb: 'launch' }
  | { verb: 'metrics' }
  | { verb: 'status'; pid: number; startTime: number }
  | { verb: 'stop'; pid: number; startTime: number; timeoutSeconds: number };

export class CommandRefused extends Error {
  readonly code = 'COMMAND_REFUSED';
}

const DEFAULT_STOP_TIMEOUT_SECONDS = 5;
const MAX_STOP_TIMEOUT_SECONDS = 300;

function positiveInt(text: string, what: string): number {
  if (!/^[0-9]{1,10}$/.test(text)) throw new CommandRefused(`${what} must be a positive integer, got "${text}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new CommandRefused(`${what} must be a positive integer, got "${text}"`);
  return value;
}

export function parseCommand(original: string | undefined): LauncherCommand {
  if (original === undefined || original.trim() === '') {
    throw new CommandRefused('no command given (an interactive login is not allowed with this key)');
  }
  if (original.length > 200) throw new CommandRefused('command too long');
  const words = original.trim().split(/ +/);
  const [verb, ...args] = words;
  switch (verb) {
    case 'launch':
    case 'metrics':
      if (args.length !== 0) throw new CommandRefused(`"${verb}" takes no arguments`);
      return { verb };
    case 'status':
      if (args.length !== 2) throw new CommandRefused('usage: status <pid> <start-time>');
      return { verb, pid: positiveInt(args[0]!, 'pid'), startTime: positiveInt(args[1]!, 'start-time') };
    case 'stop': {
      if (args.length !== 2 && args.length !== 3) throw new CommandRefused('usage: stop <pid> <start-time> [timeout-seconds]');
      const timeoutSeconds = args[2] === undefined ? DEFAULT_STOP_TIMEOUT_SECONDS : positiveInt(args[2], 'timeout-seconds');
      if (timeoutSeconds > MAX_STOP_TIMEOUT_SECONDS)
        throw new CommandRefused(`timeout-seconds must be at most ${MAX_STOP_TIMEOUT_SECONDS}`);
      return { verb, pid: positiveInt(args[0]!, 'pid'), startTime: positiveInt(args[1]!, 'start-time'), timeoutSeconds };
    }
    default:
      throw new CommandRefused(
        `unknown command "${original.slice(0, 60)}"; allowed: launch, status <pid> <start-time>, stop <pid> <start-time> [timeout], metrics`,
      );
  }
}
