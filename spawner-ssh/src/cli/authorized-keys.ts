/**
 * The exact authorized_keys line a site admin installs for each user: the
 * hub's public key, restricted (no pty, no forwarding) to the launcher.
 */
import { readFileSync } from 'node:fs';
import type { SiteConfig } from '@isobar/core';

export function authorizedKeysLine(config: SiteConfig): string {
  const pubFile = `${config.spawner.privateKey}.pub`;
  let pub: string;
  try {
    pub = readFileSync(pubFile, 'utf8').trim();
  } catch (err) {
    throw new Error(`cannot read the hub's public key ${pubFile}: ${(err as Error).message}`);
  }
  const command = config.spawner.launcherCommand;
  if (/["\\\s]/.test(command)) throw new Error(`spawner.launcherCommand must not contain quotes, backslashes or spaces: ${command}`);
  return `restrict,command="${command}" ${pub}`;
}
