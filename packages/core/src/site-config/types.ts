/**
 * The site config after validation: every key present (defaults filled in),
 * read-only. All durations are in seconds. See packages/core/README.md for
 * what each key means.
 */

export interface HubConfig {
  /** URL people open; the proxy binds its host:port. */
  readonly publicUrl: string;
  /** Where the hub's API listens; must be reachable from the hosts. */
  readonly hubIp: string;
  readonly hubPort: number;
  readonly proxyApiPort: number;
  /** Hub database and cookie secret; owned by the hub account. */
  readonly stateDir: string;
  readonly pollInterval: number;
  /** Visiting a stopped server's URL respawns it after this long (> 0). */
  readonly implicitSpawnSeconds: number;
  readonly startTimeout: number;
  readonly httpTimeout: number;
  readonly admins: readonly string[];
  /**
   * People whose UI servers others may open before they have logged in
   * themselves (the hub only knows users it has seen): names, and unix
   * groups whose members are all owners.
   */
  readonly owners: readonly string[];
  readonly ownerGroups: readonly string[];
}

export interface SpawnerConfig {
  /** The daemon's HTTP API, used by the hub only. */
  readonly listenHost: string;
  readonly listenPort: number;
  /** The hub account's private key. */
  readonly privateKey: string;
  /** Host keys are checked against this file; required so that no host is trusted blindly. */
  readonly knownHosts: string;
  /** The forced command in users' authorized_keys. */
  readonly launcherCommand: string;
  readonly maxConnectionsPerHost: number;
  /** An unused SSH connection is kept this long for reuse (0: closed after each use). */
  readonly connectionIdleTimeout: number;
  readonly connectTimeout: number;
  readonly launchTimeout: number;
  /** TERM, wait this long, then KILL. */
  readonly stopTimeout: number;
  /** A host that failed is skipped this long. */
  readonly hostBackoff: number;
  /** Account used for the launcher's `metrics` command. */
  readonly metricsUser: string;
  /** Metrics older than this are refreshed before a spawn. */
  readonly metricsMaxAge: number;
}

export interface HostConfig {
  /** [a-z0-9][a-z0-9-]*, unique. */
  readonly name: string;
  /** Hostname or IP address; unique per port. */
  readonly address: string;
  readonly port: number;
}

export interface SelectorConfig {
  /** A package name, or a built-in's short name (random, round-robin, least-loaded, ranking). */
  readonly plugin: string;
  /** Passed to the plugin as is; the plugin validates them. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface UiServerConfig {
  /** Seconds with nobody looking before the server exits (>= 5). */
  readonly idleTimeout: number;
  /** How often an open page pings (>= 1, < idleTimeout). */
  readonly keepaliveInterval: number;
  /** The `cylc` command the UI server runs for `cylc play` (absolute path, or a name in PATH). */
  readonly cylcCommand: string;
}

export interface ElevationDurations {
  readonly execute: number;
  readonly write: number;
}

export interface FailedAttemptsConfig {
  /** Wrong passwords within `window` that lock a person (or a client address) out; integer 1..1000. */
  readonly max: number;
  readonly window: number;
  /** How long a lockout lasts. */
  readonly lockout: number;
}

export interface HubServiceConfig {
  /** The hub-service (elevation, grants, roles, audit) listens on hub.hubIp:listenPort. */
  readonly listenPort: number;
  /** How long an elevation lasts, per level (> 0). */
  readonly elevation: ElevationDurations;
  /** Seconds a grant is valid, integer 1..300; elevated pages refresh them. */
  readonly grantLifetime: number;
  readonly failedAttempts: FailedAttemptsConfig;
}

export interface AuthzConfig {
  /** The site policy layer (packages/authz README). */
  readonly siteFile: string;
  /** Owners act on their own workflows without elevating. */
  readonly ownersExempt: boolean;
}

export interface RoleProviderConfig {
  /** A package name, or a built-in's short name (unix, ldap). */
  readonly plugin: string;
  /** Passed to the plugin as is; the plugin validates them. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface SiteConfig {
  readonly hub: HubConfig;
  readonly spawner: SpawnerConfig;
  /** At least one. */
  readonly hosts: readonly HostConfig[];
  readonly selector: SelectorConfig;
  readonly uiserver: UiServerConfig;
  readonly hubService: HubServiceConfig;
  readonly authz: AuthzConfig;
  /** Role providers, asked by the hub-service only, in this order; empty: nobody has roles. */
  readonly roles: readonly RoleProviderConfig[];
}
