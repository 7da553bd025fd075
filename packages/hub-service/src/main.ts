#!/usr/bin/env node
/**
 * isobar-hub-service: elevation, grants, roles and the central audit log,
 * run by the hub as a managed service (as the hub's account):
 *
 *   isobar-hub-service [--config /etc/isobar/site.yaml]
 *
 * Everything about where it runs comes from the hub's JUPYTERHUB_*
 * environment; the site's choices come from the site config (`hubService`,
 * `roles`, and `hub.stateDir` for the audit database).
 */
import { join } from 'node:path';
import { AuditStore } from '@isobar/authz';
import { createLogger, loadSiteConfig, loadSiteRoleProviders, siteConfigPath } from '@isobar/core';
import { nodeHttpFetch } from '@isobar/hub-client';
import { logAuditSink } from './audit-log';
import { AuthzGrantSigner } from './authz-signer';
import { elevationSettingsOf } from './elevation-settings';
import { serviceConfig, takeServiceEnvironment } from './environment';
import { httpHubSide } from './hub-side-http';
import { createHubService } from './service';

const log = createLogger('hub-service');

/** The central audit log, next to the hub's database. */
const AUDIT_DATABASE = 'audit.sqlite';

function configPath(argv: readonly string[]): string {
  const i = argv.indexOf('--config');
  if (i < 0) return siteConfigPath();
  const file = argv[i + 1];
  if (!file) throw new Error('--config needs a file');
  return file;
}

function main(): void {
  // The audit database and anything else made here are the hub account's alone.
  process.umask(0o077);
  const file = configPath(process.argv.slice(2));
  const site = loadSiteConfig(file);
  const roleProviders = loadSiteRoleProviders(site, file);
  const environment = takeServiceEnvironment();
  if (environment.bindPort !== site.hubService.listenPort) {
    log.warn('the hub registered this service on another port than hubService.listenPort; UI servers are told that port', {
      listening: environment.bindPort,
      listenPort: site.hubService.listenPort,
    });
  }
  const elevation = elevationSettingsOf(site.hubService);
  const config = serviceConfig(environment, [site.hub.publicUrl], elevation);
  const settings = { apiUrl: environment.apiUrl, token: environment.apiToken, fetch: nodeHttpFetch };
  const signer = new AuthzGrantSigner({ grantLifetime: elevation.grantLifetime });
  const auditFile = join(site.hub.stateDir, AUDIT_DATABASE);
  const auditStore = new AuditStore(auditFile);
  const service = createHubService({
    config,
    hub: httpHubSide(settings, config.clientId, config.oauthCallbackUrl),
    signer,
    keys: signer,
    onAudit: logAuditSink(createLogger('audit')),
    auditStore,
    roleProviders,
    log,
  });
  const server = service.app.listen(environment.bindPort, environment.bindHost, () => {
    log.info('listening', {
      address: `${environment.bindHost}:${environment.bindPort}`,
      prefix: config.prefix,
      keyId: signer.publicJwk().kid,
      audit: auditFile,
      roles: roleProviders.map((p) => p.name).join(',') || 'none',
    });
  });
  server.on('error', (err) => {
    log.error('cannot listen', { message: err.message });
    process.exit(1);
  });
  const shutdown = (signal: string): void => {
    log.info('shutting down', { signal });
    service.close();
    server.close(() => {
      auditStore.close();
      process.exit(0);
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

try {
  main();
} catch (err) {
  process.stderr.write(`isobar-hub-service: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
