export * from './selector';
export * from './errors';
export * from './logger';
export * from './site-config';
export { closestMatch, editDistance } from './suggest';
export { BUILTIN_SELECTORS, selectorPackageName } from './builtin-selectors';
export { loadSelector } from './selector-loader';
export type { LoadSelectorOptions } from './selector-loader';
export { hostSelectorProblems, isHostSelector } from './selector-check';
export { readSelectorOptions, selectorOptionsError, describeValue } from './selector-options';
export type { OptionProblem } from './selector-options';
export { GIB, sampleCandidate, sampleMetrics } from './selector-testing';
export type {
  RoleLookup,
  RoleLookupFailure,
  RoleLookupSuccess,
  RoleProvider,
  RoleProviderContext,
  RoleProviderFactory,
} from './role-provider';
export { isRoleLookupFailure, roleLookupFailure } from './role-provider';
export { BUILTIN_ROLE_PROVIDERS, roleProviderPackageName } from './builtin-role-providers';
export { loadRoleProvider } from './role-provider-loader';
export type { LoadRoleProviderOptions } from './role-provider-loader';
export { guardRoleProvider } from './role-provider-guard';
export { isRoleLookup, isRoleProvider, roleLookupProblems, roleProviderProblems } from './role-provider-check';
export { rolesOfAll } from './roles-of-all';
export type { CombinedRoles, RoleProviderFailure } from './roles-of-all';
export { pluginOptionsError, readPluginOptions } from './plugin-options';
export * from './random';
