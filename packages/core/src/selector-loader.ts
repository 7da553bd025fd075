/**
 * Loads the host selector plugin named in the site config. Fails at start
 * with an error that says what went wrong (see plugin-module.ts): an unknown
 * plugin, or a broken one (not built, a dependency missing, throws on load,
 * no factory, bad selector). A factory's ConfigError about its options is
 * passed through unchanged.
 */
import { BUILTIN_SELECTORS, selectorPackageName } from './builtin-selectors';
import { IsobarError, PluginError } from './errors';
import { exportedFunction, firstLine, pluginLabel, requirePluginModule } from './plugin-module';
import type { HostSelector, HostSelectorFactory, SelectorContext } from './selector';
import { hostSelectorProblems } from './selector-check';

export interface LoadSelectorOptions {
  /** Dotted key that named the plugin, for messages; "selector.plugin" by default. */
  readonly pluginKey?: string;
  /** Directories to resolve the package from before the usual ones (a site's own node_modules, tests). */
  readonly paths?: readonly string[];
}

export function loadSelector(
  plugin: string,
  options: unknown,
  context: SelectorContext,
  loaderOptions: LoadSelectorOptions = {},
): HostSelector {
  const request = {
    kind: 'selector plugin',
    plugin,
    packageName: selectorPackageName(plugin),
    where: `${loaderOptions.pluginKey ?? 'selector.plugin'} in ${context.configFile}`,
    known: BUILTIN_SELECTORS,
    paths: loaderOptions.paths ?? [],
  };
  const label = pluginLabel(request);
  const where = request.where;
  const loaded = requirePluginModule(request);

  const factory = exportedFunction(loaded, ['default', 'createSelector']) as HostSelectorFactory | undefined;
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
