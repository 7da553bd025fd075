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
export { MODEL_TEXT } from './engine/model-text';
export { GRANT_ALGORITHM, GRANT_ISSUER, GRANT_LEVELS, GRANT_TYPE, grantAudience, isGrantLevel } from './grants/claims';
export type { GrantLevel, VerifiedGrant } from './grants/claims';
export { GrantError } from './grants/errors';
export type { GrantErrorCode } from './grants/errors';
export {
  exportPublicJwk,
  exportPublicPem,
  generateGrantKeys,
  grantKeyId,
  importGrantPrivateKey,
  importGrantPublicKey,
} from './grants/keys';
export type { GrantKeyInput, GrantKeyPair, GrantPublicJwk, GrantPublicKey } from './grants/keys';
export { DEFAULT_GRANT_TTL_SECONDS, GrantIssuer, MAX_GRANT_TTL_SECONDS } from './grants/issuer';
export type { GrantIssuerOptions, GrantRequest } from './grants/issuer';
export { GrantVerifier, MAX_CLOCK_TOLERANCE_SECONDS } from './grants/verifier';
export type { GrantVerifierOptions, VerifyOptions } from './grants/verifier';
export { RevocationList } from './grants/revocation';
export type { RevocationCheck } from './grants/revocation';
export { ALL_OWNERS, AUDIT_RESULTS, auditTime, parseAuditRecord } from './audit/record';
export type { AuditRecord, AuditResult, AuditTarget } from './audit/record';
export { AUDIT_VERBS, ELEVATION_EVENTS, isElevationEvent, verbOf } from './audit/verbs';
export type { ElevationEvent } from './audit/verbs';
export { renderAudit, renderTime, targetName, targetPhrase } from './audit/render';
export { canonicalJson } from './audit/canonical-json';
export type { JsonValue } from './audit/canonical-json';
export { GENESIS_HASH, entryHash, parseEntry } from './audit/entry';
export type { ChainEntry } from './audit/entry';
export { AuditChain, ChainError } from './audit/chain';
export type { AuditChainOptions, ChainHead, FsyncPolicy } from './audit/chain';
export { verifyChain } from './audit/verify-chain';
export type { ChainBreak, ChainVerdict, VerifyChainOptions } from './audit/verify-chain';
export { AuditStore, MAX_QUERY_LIMIT } from './audit/store';
export type { AcceptResult, AuditQuery, ChainBatch, RefusalCode, StoredAuditRecord } from './audit/store';
export { AuditOutbox } from './audit/outbox';
export type { AuditOutboxOptions, FlushResult, SendBatch } from './audit/outbox';
export { Backoff } from './audit/backoff';
export type { BackoffOptions } from './audit/backoff';
