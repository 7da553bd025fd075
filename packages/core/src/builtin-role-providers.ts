/**
 * Short names the site config may use for the role providers that ship with
 * Isobar. Any other name is taken as a package name.
 */
import { packageNameOf } from './plugin-module';

export const BUILTIN_ROLE_PROVIDERS: Readonly<Record<string, string>> = Object.freeze({
  unix: '@isobar/roles-unix',
  ldap: '@isobar/roles-ldap',
});

/** The package a role provider name from the config stands for. */
export function roleProviderPackageName(plugin: string): string {
  return packageNameOf(plugin, BUILTIN_ROLE_PROVIDERS);
}
