import { isIP } from 'node:net';
import { UsageError } from './startup-errors';

export interface CommandLine {
  /** The address to listen on; the port is always chosen by the kernel. */
  readonly bind: string;
  /**
   * The unix account the launcher runs as (`--user`); the launch document's
   * JUPYTERHUB_USER must name it, so a server for one person never runs as another.
   */
  readonly user: string | undefined;
}

export const USAGE = 'usage: main.js --isobar-uiserver --bind <ip> [--user <unix user>]   (launch document on stdin)';

/**
 * Only the launcher starts this program, so the command line is fixed and
 * carries nothing secret. `--isobar-uiserver` marks the process so that the
 * launcher can recognise it in a process list.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let marked = false;
  let bind: string | undefined;
  let user: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--isobar-uiserver') {
      marked = true;
    } else if (arg === '--bind') {
      bind = argv[++i];
      if (bind === undefined) throw new UsageError(`--bind needs an IP address\n${USAGE}`);
    } else if (arg === '--user') {
      user = argv[++i];
      if (user === undefined || user === '') throw new UsageError(`--user needs a user name\n${USAGE}`);
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    }
  }
  if (!marked) throw new UsageError(`missing --isobar-uiserver\n${USAGE}`);
  if (bind === undefined) throw new UsageError(`missing --bind\n${USAGE}`);
  if (isIP(bind) === 0) throw new UsageError(`--bind ${JSON.stringify(bind)} is not an IP address\n${USAGE}`);
  return { bind, user };
}
