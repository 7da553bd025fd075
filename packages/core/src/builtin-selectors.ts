/**
 * Short names the site config may use for the host selectors that ship with
 * Isobar. Any other `selector.plugin` value is taken as a package name.
 */
export const BUILTIN_SELECTORS: Readonly<Record<string, string>> = Object.freeze({
  random: '@isobar/selector-random',
  'round-robin': '@isobar/selector-round-robin',
  'least-loaded': '@isobar/selector-least-loaded',
  ranking: '@isobar/selector-ranking',
});

/** The package a `selector.plugin` value names. */
export function selectorPackageName(plugin: string): string {
  return Object.prototype.hasOwnProperty.call(BUILTIN_SELECTORS, plugin) ? (BUILTIN_SELECTORS[plugin] ?? plugin) : plugin;
}
