export * from './protocol';
export { parseCommand, CommandRefused } from './launcher/command';
export type { LauncherCommand } from './launcher/command';
export { KnownHosts } from './daemon/known-hosts';
export { Semaphore } from './daemon/semaphore';
export { HostHealth } from './daemon/host-health';
export { SshPool } from './daemon/ssh-pool';
export { Spawner, SpawnFailed } from './daemon/spawner';
export { authorizedKeysLine } from './cli/authorized-keys';
