/**
 * Host selection: the contract between the spawner daemon and the selector
 * plugins in plugins/. A plugin is a package whose default export (or
 * `createSelector` export) is a HostSelectorFactory.
 */

/** What the launcher's `metrics` command reports for one host. */
export interface HostMetrics {
  /** 1, 5 and 15 minute load averages. */
  load1: number;
  load5: number;
  load15: number;
  /** Number of CPUs on the host. */
  cpus: number;
  /** Memory available for new processes, in bytes (MemAvailable). */
  memAvailableBytes: number;
  memTotalBytes: number;
  /** Isobar UI servers running on this host (any owner). */
  uiservers: number;
}

/** One host the daemon could spawn on, with what it knows of it. */
export interface HostCandidate {
  /** The host's name in the site config, e.g. "host-b". */
  readonly name: string;
  readonly address: string;
  /** Latest metrics, or undefined when they could not be fetched. */
  readonly metrics: HostMetrics | undefined;
  /** Spawns this daemon has started on the host and not yet finished. */
  readonly pending: number;
}

export interface SelectionRequest {
  readonly user: string;
  readonly serverName: string;
}

export interface HostSelector {
  /** The plugin's package name, for logs and errors. */
  readonly name: string;
  /** True when the selector reads `metrics`; the daemon then fetches them first. */
  readonly needsMetrics: boolean;
  /**
   * The candidates in the order the daemon should try them. A selector may
   * drop candidates (a ranking filter); it must not invent any.
   */
  order(candidates: readonly HostCandidate[], request: SelectionRequest): Promise<HostCandidate[]>;
}

/** Where a selector's options came from, so it can name them in errors. */
export interface SelectorContext {
  /** Path of the site config file. */
  readonly configFile: string;
  /** Dotted key of the options, e.g. "selector.options". */
  readonly optionsKey: string;
}

export type HostSelectorFactory = (options: unknown, context: SelectorContext) => HostSelector;
