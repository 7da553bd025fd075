export {
  LEVELS,
  OPERATION_LEVELS,
  OPERATIONS,
  SCHEMA_MUTATIONS,
  canonicalOperation,
  isLevel,
  levelOf,
  levelRank,
  operationsUpTo,
} from './levels';
export type { Level, Operation } from './levels';
export { ALIASES, parsePermission } from './permissions';
export type { Permission, PermissionResult } from './permissions';
export { EVERYONE, parseSubject, roleName, subjectsOf } from './subjects';
export { Authorizer } from './authorizer';
export type { AuthorizerOptions } from './authorizer';
export type { Decision, DecidingLayer, Explanation } from './decision';
export { describeRule } from './decision';
export { permissionMatrix, formatMatrix } from './matrix';
export type { MatrixRow } from './matrix';
export { parseGrantsLayer } from './config/parse-grants';
export { parseSiteLayer, sitePolicyFor } from './config/parse-site';
export { formatProblem } from './config/problems';
export { checkFileSafety, checkFileSafetyOf } from './config/file-safety';
export type { FileStatus, SafetyVerdict } from './config/file-safety';
export { parsePasswd, passwdAccounts } from './config/accounts';
export type { Account, AccountLookup } from './config/accounts';
export { DEFAULT_SITE_AUTHZ_PATH, fixedLocations, siteAuthzPath, standardLocations } from './config/locations';
export type { LayerLocations } from './config/locations';
export type { GrantRule, GrantsLayer, LayerName, RuleSource, SiteLayer, SitePolicy, SiteRule } from './config/types';
export { MODEL_PATH } from './engine/model';
