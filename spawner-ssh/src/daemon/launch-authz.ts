/**
 * What a UI server needs to know to authorise visitors, from the site
 * config: where the hub service publishes the grant key, answers role
 * lookups and takes audit records (on the hub's address, not through the
 * proxy: UI servers run on other hosts), and the site's policy choices.
 */
import { isIP } from 'node:net';
import type { SiteConfig } from '@isobar/core';
import type { LaunchAuthz } from '../protocol';

/** The hub service's name in jupyterhub_config.py: its URLs sit below `<base>services/<name>/`. */
export const HUB_SERVICE_NAME = 'isobar';

/** The hub's base URL path (JupyterHub takes it from bind_url, which is hub.publicUrl), with slashes at both ends. */
function basePath(publicUrl: string): string {
  const path = new URL(publicUrl).pathname;
  return path.endsWith('/') ? path : `${path}/`;
}

export function launchAuthzOf(config: Pick<SiteConfig, 'hub' | 'hubService' | 'authz'>): LaunchAuthz {
  const host = isIP(config.hub.hubIp) === 6 ? `[${config.hub.hubIp}]` : config.hub.hubIp;
  const api = `http://${host}:${config.hubService.listenPort}${basePath(config.hub.publicUrl)}services/${HUB_SERVICE_NAME}/api/`;
  return {
    grantKeyUrl: `${api}grant-key`,
    rolesUrl: `${api}roles`,
    auditUrl: `${api}audit`,
    authzSiteFile: config.authz.siteFile,
    ownersExempt: config.authz.ownersExempt,
  };
}
