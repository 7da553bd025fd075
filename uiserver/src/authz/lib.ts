/**
 * What the UI server uses of @isobar/authz, imported module by module: the
 * package's index also loads hub-service's SQLite audit store, which a UI
 * server never opens (and whose native module it does not carry).
 */
export { Authorizer as PolicyEngine } from '@isobar/authz/dist/src/authorizer';
export { permissionMatrix } from '@isobar/authz/dist/src/matrix';
export type { MatrixRow } from '@isobar/authz/dist/src/matrix';
export { OPERATIONS, OPERATION_LEVELS, canonicalOperation, levelOf, levelRank } from '@isobar/authz/dist/src/levels';
export type { Level, Operation } from '@isobar/authz/dist/src/levels';
export { DEFAULT_SITE_AUTHZ_PATH, siteAuthzPath } from '@isobar/authz/dist/src/config/locations';
export type { LayerLocations } from '@isobar/authz/dist/src/config/locations';
export { GrantVerifier } from '@isobar/authz/dist/src/grants/verifier';
export { GrantError } from '@isobar/authz/dist/src/grants/errors';
export type { VerifiedGrant } from '@isobar/authz/dist/src/grants/claims';
export type { GrantKeyInput } from '@isobar/authz/dist/src/grants/keys';
export { AuditChain } from '@isobar/authz/dist/src/audit/chain';
export { AuditOutbox } from '@isobar/authz/dist/src/audit/outbox';
export type { SendBatch } from '@isobar/authz/dist/src/audit/outbox';
export { auditTime } from '@isobar/authz/dist/src/audit/record';
export type { AuditRecord } from '@isobar/authz/dist/src/audit/record';
export { renderAudit } from '@isobar/authz/dist/src/audit/render';
export type { AcceptResult } from '@isobar/authz/dist/src/audit/store';
