/**
 * Loads a role provider plugin named in the site config, by short name
 * (`unix`, `ldap`) or package name. Fails at start, like the selector loader:
 * PLUGIN_UNKNOWN with the list of known providers, PLUGIN_BROKEN for an
 * unusable package, and a factory's own ConfigError passed through. The
 * provider returned is guarded (role-provider-guard.ts): its lookups never
 * reject and a failure never carries roles.
 */
import { BUILTIN_ROLE_PROVIDERS, roleProviderPackageName } from './builtin-role-providers';
import { IsobarError, PluginError } from './errors';
import { exportedFunction, firstLine, pluginLabel, requirePluginModule } from './plugin-module';
import type { RoleProvider, RoleProviderContext, RoleProviderFactory } from './role-provider';
import { roleProviderProblems } from './role-provider-check';
import { guardRoleProvider } from './role-provider-guard';
import { siteConfigPath } from './site-config/location';

export interface LoadRoleProviderOptions {
  /** Dotted key that named the plugin, for messages; "roles.plugin" by default. */
  readonly pluginKey?: string;
  /** Directories to resolve the package from before the usual ones (a site's own node_modules, tests). */
  readonly paths?: readonly string[];
}

/** The site config file, options under "roles.options": what a caller that says nothing means. */
function defaultContext(): RoleProviderContext {
  return { configFile: siteConfigPath(), optionsKey: 'roles.options' };
}

export function loadRoleProvider(
  plugin: string,
  options: unknown,
  context: RoleProviderContext = defaultContext(),
  loaderOptions: LoadRoleProviderOptions = {},
): RoleProvider {
  const request = {
    kind: 'role provider',
    plugin,
    packageName: roleProviderPackageName(plugin),
    where: `${loaderOptions.pluginKey ?? 'roles.plugin'} in ${context.configFile}`,
    known: BUILTIN_ROLE_PROVIDERS,
    paths: loaderOptions.paths ?? [],
  };
  const label = pluginLabel(request);
  const where = request.where;
  const loaded = requirePluginModule(request);

  const factory = exportedFunction(loaded, ['default', 'createRoleProvider']) as RoleProviderFactory | undefined;
  if (factory === undefined) {
    throw new PluginError(
      'PLUGIN_BROKEN',
      `${label} (${where}) exports no role provider factory: expected a function as its default or createRoleProvider export`,
    );
  }

  let provider: unknown;
  try {
    provider = factory(options, context);
  } catch (err) {
    // Option problems are the operator's to fix and already name the key; a crash is the plugin's.
    if (err instanceof IsobarError) throw err;
    throw new PluginError('PLUGIN_BROKEN', `${label} (${where}) failed to create a role provider: ${firstLine(err)}`, { cause: err });
  }

  const problems = roleProviderProblems(provider);
  if (problems.length > 0) {
    throw new PluginError('PLUGIN_BROKEN', `${label} (${where}) returned an invalid role provider: ${problems.join('; ')}`);
  }
  return guardRoleProvider(provider as RoleProvider);
}
