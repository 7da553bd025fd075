/**
 * Finding and loading a plugin package named in the site config, shared by
 * every kind of plugin (host selectors, role providers). Fails with an error
 * that says which of these went wrong, because each has a different fix:
 *   - PLUGIN_UNKNOWN: no such package is installed (typo, or not installed);
 *   - PLUGIN_BROKEN: the package is there but cannot be used (not built, its
 *     own dependency missing, throws on load, no factory).
 */
import { dirname } from 'node:path';
import { PluginError } from './errors';

export interface PluginModuleRequest {
  /** What kind of plugin, for messages: "selector plugin", "role provider". */
  readonly kind: string;
  /** The name as the config wrote it (a short name or a package name). */
  readonly plugin: string;
  readonly packageName: string;
  /** Where the name came from, e.g. "selector.plugin in /etc/isobar/site.yaml". */
  readonly where: string;
  /** Short name → package name, listed when the plugin is unknown. */
  readonly known: Readonly<Record<string, string>>;
  /** Directories to resolve the package from before the usual ones. */
  readonly paths: readonly string[];
}

export function errorCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n', 1)[0] ?? text;
}

/** `selector plugin "random" (@isobar/selector-random)`, or just the package when that is what was written. */
export function pluginLabel(request: Pick<PluginModuleRequest, 'kind' | 'plugin' | 'packageName'>): string {
  const { kind, plugin, packageName } = request;
  return packageName === plugin ? `${kind} "${plugin}"` : `${kind} "${plugin}" (${packageName})`;
}

/** The package a config value names: a short name from `known`, else the value itself. */
export function packageNameOf(plugin: string, known: Readonly<Record<string, string>>): string {
  return Object.prototype.hasOwnProperty.call(known, plugin) ? (known[plugin] ?? plugin) : plugin;
}

/**
 * Where to look for the package: core's own node_modules chain (which holds
 * the built-ins in a normal install), then the main program's and the
 * working directory's, so that a plugin installed next to the daemon is found.
 */
function searchPaths(extra: readonly string[]): string[] {
  const main = require.main?.filename;
  return [...extra, __dirname, ...(main === undefined ? [] : [dirname(main)]), process.cwd()];
}

type Resolution = { kind: 'found'; file: string } | { kind: 'missing' } | { kind: 'unusable'; cause: unknown };

function resolvePackage(packageName: string, paths: string[]): Resolution {
  try {
    return { kind: 'found', file: require.resolve(packageName, { paths }) };
  } catch (err) {
    if (errorCode(err) !== 'MODULE_NOT_FOUND') return { kind: 'unusable', cause: err };
    // The package may be there with its entry point missing (not built): that is broken, not unknown.
    try {
      require.resolve(`${packageName}/package.json`, { paths });
      return { kind: 'unusable', cause: err };
    } catch (inner) {
      return errorCode(inner) === 'ERR_PACKAGE_PATH_NOT_EXPORTED' ? { kind: 'unusable', cause: err } : { kind: 'missing' };
    }
  }
}

function knownList(known: Readonly<Record<string, string>>): string {
  return Object.entries(known)
    .map(([short, packageName]) => `${short} (${packageName})`)
    .join(', ');
}

/** The plugin package's exports, or a PluginError saying why they cannot be had. */
export function requirePluginModule(request: PluginModuleRequest): unknown {
  const { kind, plugin, packageName, where } = request;
  const label = pluginLabel(request);
  const resolution = resolvePackage(packageName, searchPaths(request.paths));
  if (resolution.kind === 'missing') {
    throw new PluginError('PLUGIN_UNKNOWN', `unknown ${kind} "${plugin}" (${where}); known: ${knownList(request.known)}`);
  }
  if (resolution.kind === 'unusable') {
    throw new PluginError(
      'PLUGIN_BROKEN',
      `${label} (${where}) is installed but cannot be resolved (is it built?): ${firstLine(resolution.cause)}`,
      { cause: resolution.cause },
    );
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plugin is chosen at run time by config
    return require(resolution.file) as unknown;
  } catch (err) {
    const what = errorCode(err) === 'MODULE_NOT_FOUND' ? 'cannot load one of its own dependencies' : 'threw while loading';
    throw new PluginError('PLUGIN_BROKEN', `${label} (${where}) ${what}: ${firstLine(err)}`, { cause: err });
  }
}

/** The first of `names` that the module exports as a function ("default" first, usually). */
export function exportedFunction(loaded: unknown, names: readonly string[]): unknown {
  if ((typeof loaded !== 'object' && typeof loaded !== 'function') || loaded === null) return undefined;
  const exports = loaded as Record<string, unknown>;
  for (const name of names) {
    if (typeof exports[name] === 'function') return exports[name];
  }
  return undefined;
}
