#!/usr/bin/env node
/**
 * The Isobar launcher program, run by bin/isobar-launcher (the forced command
 * of the hub's key) for every command but `launch`, which the script hands to
 * the UI server directly. It runs as the key's user, answers status, stop and
 * metrics with one JSON line, and refuses and logs anything else.
 */
import type { StatusReply } from '../protocol';
import { CommandRefused, parseCommand } from './command';
import type { LauncherCommand } from './command';
import { launcherLog } from './activity-log';
import { collectMetrics } from './metrics';
import { findOwnUiServer } from './proc';
import { stopServer } from './stop';

function reply(doc: object): void {
  process.stdout.write(JSON.stringify(doc) + '\n');
}

/** The address sshd was reached on: the UI server binds there so the hub can reach it. */
function serverIp(): string | undefined {
  return process.env.SSH_CONNECTION?.split(' ')[2];
}

async function run(command: LauncherCommand): Promise<number> {
  const uid = process.getuid?.() ?? -1;
  switch (command.verb) {
    case 'metrics':
      reply(collectMetrics(serverIp()));
      return 0;
    case 'status': {
      const running = findOwnUiServer(command.pid, command.startTime, uid) !== undefined;
      const status: StatusReply = { ok: true, running };
      reply(status);
      return 0;
    }
    case 'stop': {
      const result = await stopServer(command.pid, command.startTime, command.timeoutSeconds, uid);
      launcherLog(`stop ${command.pid}: ${JSON.stringify(result)}`);
      reply(result);
      return result.ok ? 0 : 1;
    }
    case 'launch':
      // bin/isobar-launcher starts the UI server itself, handing it the SSH channel.
      throw new CommandRefused('launch must go through bin/isobar-launcher, the forced command');
  }
}

async function main(): Promise<void> {
  try {
    const command = parseCommand(process.env.SSH_ORIGINAL_COMMAND);
    process.exitCode = await run(command);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    launcherLog(`refused: ${message}`);
    reply({ ok: false, error: message });
    process.exitCode = err instanceof CommandRefused ? 2 : 1;
  }
}

void main();
