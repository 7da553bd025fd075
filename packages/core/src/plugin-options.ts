/**
 * Option helpers under names that fit any plugin, not only selectors: a
 * role provider validates its options exactly as a selector does, e.g.
 *   /etc/isobar/site.yaml: roles.options.url: expected an ldap:// or ldaps:// URL, got "x"
 */
export { readSelectorOptions as readPluginOptions, selectorOptionsError as pluginOptionsError } from './selector-options';
