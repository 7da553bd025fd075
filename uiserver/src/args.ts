import { isIP } from 'node:net';
import { UsageError } from './startup-errors';

export interface CommandLine {
  /** The address to listen on; the port is always chosen by the kernel. */
  readonly bind: string;
}

export const USAGE = 'usage: main.js --isobar-uiserver --bind <ip>   (launch document on stdin)';

/**
 * Only the launcher starts this program, so the command line is fixed and
 * carries nothing secret. `--isobar-uiserver` marks the process so that the
 * launcher can recognise it in a process list.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let marked = false;
  let bind: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--isobar-uiserver') {
      marked = true;
    } else if (arg === '--bind') {
      bind = argv[++i];
      if (bind === undefined) throw new UsageError(`--bind needs an IP address\n${USAGE}`);
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    }
  }
  if (!marked) throw new UsageError(`missing --isobar-uiserver\n${USAGE}`);
  if (bind === undefined) throw new UsageError(`missing --bind\n${USAGE}`);
  if (isIP(bind) === 0) throw new UsageError(`--bind ${JSON.stringify(bind)} is not an IP address\n${USAGE}`);
  return { bind };
}
