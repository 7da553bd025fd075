export type {
  AuthzConfig,
  ElevationDurations,
  FailedAttemptsConfig,
  HubConfig,
  HubServiceConfig,
  RoleProviderConfig,
  SpawnerConfig,
  HostConfig,
  SelectorConfig,
  UiServerConfig,
  SiteConfig,
} from './types';
export { loadSiteConfig, parseSiteConfig } from './parse';
export { siteConfigExample, siteConfigExamplePath } from './example';
export { DEFAULT_SITE_CONFIG_PATH, siteConfigPath } from './location';
export { loadSiteRoleProviders } from './role-providers';
