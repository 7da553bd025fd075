#!/usr/bin/env node
/**
 * isobar-spawner: the spawner daemon (a managed JupyterHub service) and its
 * site-admin helper.
 *
 *   isobar-spawner serve [--config FILE]            run the daemon (token in ISOBAR_SPAWNER_TOKEN)
 *   isobar-spawner authorized-keys [--config FILE]  print the authorized_keys line to install
 */
import { readFileSync } from 'node:fs';
import { createLogger, loadSelector, loadSiteConfig } from '@isobar/core';
import type { SiteConfig } from '@isobar/core';
import { authorizedKeysLine } from '../cli/authorized-keys';
import { createApp } from './app';
import { HostHealth } from './host-health';
import { KnownHosts } from './known-hosts';
import { launchAuthzOf } from './launch-authz';
import { MetricsCache } from './metrics-cache';
import { ProgressBoard } from './progress';
import { Spawner } from './spawner';
import { SshPool } from './ssh-pool';

const log = createLogger('spawner-daemon');
const DEFAULT_CONFIG = '/etc/isobar/site.yaml';

function configPath(argv: string[]): string {
  const i = argv.indexOf('--config');
  if (i >= 0) {
    const file = argv[i + 1];
    if (!file) throw new Error('--config needs a file');
    return file;
  }
  return process.env.ISOBAR_SITE_CONFIG ?? DEFAULT_CONFIG;
}

function takeToken(): string {
  const token = process.env.ISOBAR_SPAWNER_TOKEN;
  // Not inherited by anything this process starts, and not visible to a later reader of process.env.
  delete process.env.ISOBAR_SPAWNER_TOKEN;
  if (!token || token.length < 32) throw new Error('ISOBAR_SPAWNER_TOKEN must be set (at least 32 characters) by the hub');
  return token;
}

function serve(config: SiteConfig, configFile: string): void {
  const token = takeToken();
  const s = config.spawner;
  const selector = loadSelector(config.selector.plugin, config.selector.options, { configFile, optionsKey: 'selector.options' });
  const knownHosts = KnownHosts.load(s.knownHosts);
  for (const host of config.hosts) {
    if (!knownHosts.hasHost(host.address, host.port)) {
      throw new Error(
        `host ${host.name} (${KnownHosts.hostName(host.address, host.port)}) is not in ${s.knownHosts}: add its host key first`,
      );
    }
  }
  const pool = new SshPool({
    privateKey: readFileSync(s.privateKey),
    knownHosts,
    connectTimeoutMs: s.connectTimeout * 1000,
    maxConnectionsPerHost: s.maxConnectionsPerHost,
    idleCloseMs: s.connectionIdleTimeout * 1000,
  });
  const health = new HostHealth(s.hostBackoff * 1000);
  const metrics = new MetricsCache(pool, s.metricsUser, s.metricsMaxAge * 1000, s.connectTimeout * 1000 + 2000);
  const progress = new ProgressBoard();
  const spawner = new Spawner(
    {
      hosts: config.hosts,
      selector,
      launchTimeoutMs: s.launchTimeout * 1000,
      statusTimeoutMs: s.connectTimeout * 1000 + 5000,
      stopTimeoutSeconds: s.stopTimeout,
      idleTimeoutSeconds: config.uiserver.idleTimeout,
      keepaliveSeconds: config.uiserver.keepaliveInterval,
      cylcCommand: config.uiserver.cylcCommand,
      authz: launchAuthzOf(config),
    },
    pool,
    health,
    metrics,
    progress,
  );
  const server = createApp(spawner, progress, token).listen(s.listenPort, s.listenHost, () => {
    log.info('listening', {
      address: `${s.listenHost}:${s.listenPort}`,
      selector: selector.name,
      hosts: config.hosts.map((h) => h.name).join(','),
    });
  });
  server.on('error', (err) => {
    log.error('cannot listen', { message: err.message });
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    pool.closeAll();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

function main(): void {
  const argv = process.argv.slice(2);
  const verb = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve';
  try {
    const file = configPath(argv);
    const config = loadSiteConfig(file);
    if (verb === 'serve') serve(config, file);
    else if (verb === 'authorized-keys') process.stdout.write(authorizedKeysLine(config) + '\n');
    else throw new Error(`unknown command "${verb}"; use serve or authorized-keys`);
  } catch (err) {
    process.stderr.write(`isobar-spawner: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

main();
