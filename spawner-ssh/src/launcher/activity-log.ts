/**
 * The launcher's own log in the owner's home (~/.isobar/log/launcher.log).
 * It records what the hub's key was used for, including refused commands,
 * so an owner can see every use. Never given secrets.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function logDir(): string {
  return join(homedir(), '.isobar', 'log');
}

export function launcherLog(message: string): void {
  const line = `${new Date().toISOString()} ${process.env.SSH_CONNECTION?.split(' ')[0] ?? 'local'} ${message}\n`;
  try {
    mkdirSync(logDir(), { recursive: true, mode: 0o700 });
    appendFileSync(join(logDir(), 'launcher.log'), line, { mode: 0o600 });
  } catch {
    // Logging must never stop the launcher from answering; stderr still carries the message.
  }
  process.stderr.write(line);
}
