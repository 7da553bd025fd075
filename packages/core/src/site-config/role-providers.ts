/**
 * The role providers a site config names, loaded in order: what the
 * hub-service asks, and what isobar-check-config loads so that an unknown
 * plugin or a bad option stops the hub at start.
 */
import type { RoleProvider } from '../role-provider';
import { loadRoleProvider, type LoadRoleProviderOptions } from '../role-provider-loader';
import type { SiteConfig } from './types';

/** Throws the first PluginError or ConfigError, naming `roles[i].plugin` or `roles[i].options` in `configFile`. */
export function loadSiteRoleProviders(
  config: Pick<SiteConfig, 'roles'>,
  configFile: string,
  loaderOptions: Omit<LoadRoleProviderOptions, 'pluginKey'> = {},
): RoleProvider[] {
  return config.roles.map((entry, i) =>
    loadRoleProvider(
      entry.plugin,
      entry.options,
      { configFile, optionsKey: `roles[${i}].options` },
      { ...loaderOptions, pluginKey: `roles[${i}].plugin` },
    ),
  );
}
