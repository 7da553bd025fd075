/**
 * Where the site config lives, so every process (daemon, hub config, tools)
 * finds the same file: ISOBAR_SITE_CONFIG if set, else /etc/isobar/site.yaml.
 */
export const DEFAULT_SITE_CONFIG_PATH = '/etc/isobar/site.yaml';

export function siteConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ISOBAR_SITE_CONFIG;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_SITE_CONFIG_PATH;
}
