#!/usr/bin/env node
/**
 * Entry point run by the launcher:
 *   node main.js --isobar-uiserver --bind <ip>   < launch document (JSON, then EOF)
 * stdout carries exactly one line, {"event":"listening","ip":…,"port":…},
 * and is then closed; logs go to stderr. Exit codes: 0 clean stop (idle,
 * SIGTERM, SIGINT), 1 failure while running or starting, 2 bad arguments or
 * launch document.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseCommandLine } from './args';
import { parseLaunchDocument } from './config';
import { ConfigError } from './startup-errors';
import { Logger } from './log';
import { UiServer } from './server';
import { StartupError } from './startup-errors';
import { readToEnd } from './stdin';
import { processStartTime, unixUserName } from './process-identity';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** After a stop is requested, exit even if some connection refuses to close. */
const HARD_EXIT_MS = 2_500;

/**
 * The one line ever written to stdout, then stdout is closed for real: when
 * started by the launcher, stdout is the SSH channel, and the channel (and
 * so the spawn request) ends only when every holder has closed it. fd 1 is
 * then pointed at /dev/null so no later file can take its number.
 */
function report(event: object): void {
  try {
    writeSync(1, `${JSON.stringify(event)}\n`);
  } catch {
    // Nobody reads any more: nothing to tell.
  }
  closeSync(1);
  // open() takes the lowest free number: fill 0 too if stdin's was released.
  while (openSync('/dev/null', 'r+') < 1);
}

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
    const { bind, user } = parseCommandLine(process.argv.slice(2));
    const config = parseLaunchDocument(await readToEnd(process.stdin));
    log.addSecret(config.apiToken);
    // The hub's user name is the unix account: a server for one person never runs as another.
    if (user !== undefined && (config.owner !== user || user !== unixUserName())) {
      throw new ConfigError('env.JUPYTERHUB_USER', `is "${config.owner}" but this server runs as "${unixUserName()}"`);
    }
    server = await UiServer.start(config, bind, log);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The spawner reads stdout: tell it why, so the hub's spawn page can say so (messages never hold secrets).
    report({ event: 'error', message: `UI server cannot start: ${message}` });
    if (err instanceof StartupError) {
      log.error(`cannot start: ${message}`, { code: err.code });
      return EXIT_USAGE;
    }
    log.error(`cannot start: ${message}`);
    return EXIT_FAILURE;
  }
  const { ip, port } = server.address;
  report({ event: 'listening', ip, port, pid: process.pid, startTime: processStartTime() });
  log.info('listening', { ip, port });
  const reason = await server.stopped;
  log.info('exiting', { reason });
  return EXIT_OK;
}

process.stderr.on('error', () => undefined);
const log = new Logger(process.stderr);
main(log).then(
  (code) => process.exit(code),
  (err: unknown) => {
    log.error(`fatal: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(EXIT_FAILURE);
  },
);
