#!/usr/bin/env node
/**
 * The Isobar launcher: the forced command of the hub's key in each user's
 * authorized_keys. It runs as that user and does only what SSH_ORIGINAL_COMMAND
 * asks among launch, status, stop and metrics; it answers with one JSON line.
 */
import { userInfo } from 'node:os';
import { CommandRefused, parseCommand } from './command';
import type { LauncherCommand } from './command';
import { launcherLog } from './activity-log';
import { collectMetrics } from './metrics';
import { findOwnUiServer } from './proc';
import { stopServer } from './stop';
import { launchServer } from './launch';
import { MAX_LAUNCH_REQUEST_BYTES, parseLaunchRequest } from './launch-request';

function reply(doc: object): void {
  process.stdout.write(JSON.stringify(doc) + '\n');
}

async function readStdin(limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new CommandRefused(`launch: stdin larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
      reply({ ok: true, running });
      return 0;
    }
    case 'stop': {
      const result = await stopServer(command.pid, command.startTime, command.timeoutSeconds, uid);
      launcherLog(`stop ${command.pid}: ${JSON.stringify(result)}`);
      reply(result);
      return result.ok ? 0 : 1;
    }
    case 'launch': {
      const request = parseLaunchRequest(await readStdin(MAX_LAUNCH_REQUEST_BYTES), userInfo().username);
      const bindIp = serverIp() ?? '127.0.0.1';
      const result = await launchServer(request, bindIp);
      launcherLog(result.ok ? `launch: UI server ${result.pid} listening on ${result.ip}:${result.port}` : `launch failed: ${result.error}`);
      reply(result);
      return result.ok ? 0 : 1;
    }
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
