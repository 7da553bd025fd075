#!/usr/bin/env node
/**
 * isobar-hub-service: elevation and grants, run by the hub as a managed
 * service (as the hub's account):
 *
 *   isobar-hub-service [--config /etc/isobar/site.yaml]
 *
 * Everything about where it runs comes from the hub's JUPYTERHUB_*
 * environment; the site's choices come from the site config.
 */
import { createLogger, loadSiteConfig, siteConfigPath, type SiteConfig } from '@isobar/core';
import { nodeHttpFetch } from '@isobar/hub-client';
import { logAuditSink } from './audit-log';
import { Ed25519GrantSigner } from './ed25519-signer';
import { readElevationSettings } from './elevation-settings';
import { serviceConfig, takeServiceEnvironment } from './environment';
import { httpHubSide } from './hub-side-http';
import { createHubService } from './service';

const log = createLogger('hub-service');

function configPath(argv: readonly string[]): string {
  const i = argv.indexOf('--config');
  if (i < 0) return siteConfigPath();
  const file = argv[i + 1];
  if (!file) throw new Error('--config needs a file');
  return file;
}

/**
 * The `hubService` section. The shared site schema does not know it yet, so
 * it is read from the loaded config if present and defaults apply otherwise.
 */
function hubServiceSection(config: SiteConfig): unknown {
  return (config as unknown as Record<string, unknown>)['hubService'];
}

function main(): void {
  const file = configPath(process.argv.slice(2));
  const site = loadSiteConfig(file);
  const environment = takeServiceEnvironment();
  const config = serviceConfig(environment, [site.hub.publicUrl], readElevationSettings(hubServiceSection(site), `${file}: hubService`));
  const settings = { apiUrl: environment.apiUrl, token: environment.apiToken, fetch: nodeHttpFetch };
  // The issuer names this service by its public address, which UI servers also know.
  const signer = new Ed25519GrantSigner(new URL(config.prefix, site.hub.publicUrl).href);
  const service = createHubService({
    config,
    hub: httpHubSide(settings, config.clientId, config.oauthCallbackUrl),
    signer,
    keys: signer,
    onAudit: logAuditSink(createLogger('audit')),
    log,
  });
  const server = service.app.listen(environment.bindPort, environment.bindHost, () => {
    log.info('listening', {
      address: `${environment.bindHost}:${environment.bindPort}`,
      prefix: config.prefix,
      keyId: signer.publicJwk().kid,
    });
  });
  server.on('error', (err) => {
    log.error('cannot listen', { message: err.message });
    process.exit(1);
  });
  const shutdown = (signal: string): void => {
    log.info('shutting down', { signal });
    service.close();
    server.close(() => process.exit(0));
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
