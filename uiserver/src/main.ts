#!/usr/bin/env node
/**
 * Entry point run by the launcher:
 *   node main.js --isobar-uiserver --bind <ip>   < launch document (JSON, then EOF)
 * stdout carries exactly one line, {"event":"listening","ip":…,"port":…},
 * and is then closed; logs go to stderr. Exit codes: 0 clean stop (idle,
 * SIGTERM, SIGINT), 1 failure while running or starting, 2 bad arguments or
 * launch document.
 */
import { parseCommandLine } from './args';
import { parseLaunchDocument } from './config';
import { Logger } from './log';
import { UiServer } from './server';
import { StartupError } from './startup-errors';
import { readToEnd } from './stdin';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** After a stop is requested, exit even if some connection refuses to close. */
const HARD_EXIT_MS = 2_500;

async function main(log: Logger): Promise<number> {
  let server: UiServer | undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      // Stopped before it ever served: nothing to close.
      if (!server) process.exit(EXIT_OK);
      setTimeout(() => process.exit(EXIT_OK), HARD_EXIT_MS).unref();
      void server.stop(signal);
    });
  }
  try {
    const { bind } = parseCommandLine(process.argv.slice(2));
    const config = parseLaunchDocument(await readToEnd(process.stdin));
    log.addSecret(config.apiToken);
    server = await UiServer.start(config, bind, log);
  } catch (err) {
    if (err instanceof StartupError) {
      log.error(`cannot start: ${err.message}`, { code: err.code });
      return EXIT_USAGE;
    }
    log.error(`cannot start: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT_FAILURE;
  }
  const { ip, port } = server.address;
  // The only thing ever written to stdout; ending it tells the launcher we are done with it.
  process.stdout.end(`${JSON.stringify({ event: 'listening', ip, port })}\n`);
  log.info('listening', { ip, port });
  const reason = await server.stopped;
  log.info('exiting', { reason });
  return EXIT_OK;
}

// A launcher that stops reading must not crash us with EPIPE.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
const log = new Logger(process.stderr);
main(log).then(
  (code) => process.exit(code),
  (err: unknown) => {
    log.error(`fatal: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(EXIT_FAILURE);
  },
);
