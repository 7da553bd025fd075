/**
 * Loads the host selector plugin named in the site config. Fails at start
 * with an error that says which of these went wrong, because each has a
 * different fix:
 *   - PLUGIN_UNKNOWN: no such package is installed (typo, or not installed);
 *   - PLUGIN_BROKEN: the package is there but cannot be used (not built, its
 *     own dependency missing, throws on load, no factory, bad selector).
 * A factory's ConfigError about its options is passed through unchanged.
 */
import { dirname } from 'node:path';
import { BUILTIN_SELECTORS, selectorPackageName } from './builtin-selectors';
import { IsobarError, PluginError } from './errors';
import type { HostSelector, HostSelectorFactory, SelectorContext } from './selector';
import { hostSelectorProblems } from './selector-check';

export interface LoadSelectorOptions {
  /** Dotted key that named the plugin, for messages; "selector.plugin" by default. */
  readonly pluginKey?: string;
  /** Directories to resolve the package from before the usual ones (a site's own node_modules, tests). */
  readonly paths?: readonly string[];
}

function errorCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n', 1)[0] ?? text;
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

function knownList(): string {
  return Object.entries(BUILTIN_SELECTORS)
    .map(([short, packageName]) => `${short} (${packageName})`)
    .join(', ');
}

function factoryOf(loaded: unknown): HostSelectorFactory | undefined {
  if ((typeof loaded !== 'object' && typeof loaded !== 'function') || loaded === null) return undefined;
  const exports = loaded as { default?: unknown; createSelector?: unknown };
  if (typeof exports.default === 'function') return exports.default as HostSelectorFactory;
  if (typeof exports.createSelector === 'function') return exports.createSelector as HostSelectorFactory;
  return undefined;
}

export function loadSelector(
  plugin: string,
  options: unknown,
  context: SelectorContext,
  loaderOptions: LoadSelectorOptions = {},
): HostSelector {
  const packageName = selectorPackageName(plugin);
  const pluginKey = loaderOptions.pluginKey ?? 'selector.plugin';
  const label = packageName === plugin ? `selector plugin "${plugin}"` : `selector plugin "${plugin}" (${packageName})`;
  const where = `${pluginKey} in ${context.configFile}`;

  const resolution = resolvePackage(packageName, searchPaths(loaderOptions.paths ?? []));
  if (resolution.kind === 'missing') {
    throw new PluginError('PLUGIN_UNKNOWN', `unknown selector plugin "${plugin}" (${where}); known: ${knownList()}`);
  }
  if (resolution.kind === 'unusable') {
    throw new PluginError(
      'PLUGIN_BROKEN',
      `${label} (${where}) is installed but cannot be resolved (is it built?): ${firstLine(resolution.cause)}`,
      { cause: resolution.cause },
    );
  }

  let loaded: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plugin is chosen at run time by config
    loaded = require(resolution.file) as unknown;
  } catch (err) {
    const what = errorCode(err) === 'MODULE_NOT_FOUND' ? 'cannot load one of its own dependencies' : 'threw while loading';
    throw new PluginError('PLUGIN_BROKEN', `${label} (${where}) ${what}: ${firstLine(err)}`, { cause: err });
  }

  const factory = factoryOf(loaded);
  if (factory === undefined) {
    throw new PluginError(
      'PLUGIN_BROKEN',
      `${label} (${where}) exports no selector factory: expected a function as its default or createSelector export`,
    );
  }

  let selector: unknown;
  try {
    selector = factory(options, context);
  } catch (err) {
    // Option problems are the operator's to fix and already name the key; a crash is the plugin's.
    if (err instanceof IsobarError) throw err;
    throw new PluginError('PLUGIN_BROKEN', `${label} (${where}) failed to create a selector: ${firstLine(err)}`, {
      cause: err,
    });
  }

  const problems = hostSelectorProblems(selector);
  if (problems.length > 0) {
    throw new PluginError('PLUGIN_BROKEN', `${label} (${where}) returned an invalid selector: ${problems.join('; ')}`);
  }
  return selector as HostSelector;
}
