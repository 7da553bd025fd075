export {
  CylcClientError,
  ContactFileError,
  KeyFileError,
  WorkflowNotRunningError,
  SchedulerUnreachableError,
  SchedulerError,
  InvalidReplyError,
  ClientClosedError,
  type CylcClientErrorCode,
} from './errors';
export { CONTACT_FILE, parseContact, readContact, type ContactInfo } from './contact';
export { CLIENT_KEY_FILE, SERVER_KEY_FILE, parseClientCertificate, parseServerCertificate, readCurveKeys, type CurveKeys } from './keys';
export { DEFAULT_MAX_DEPTH, scanRuns, type ScanOptions, type ScannedRun } from './scan';
export {
  encodeRequest,
  decodeJsonReply,
  validateGraphQLData,
  type CylcRequest,
  type GraphQLData,
  type JsonObject,
  type JsonValue,
  type RequestMeta,
} from './message';
export { CylcRequestClient, DEFAULT_REQUEST_TIMEOUT_MS, type RequestClientSettings } from './request';
export { openWorkflowClient, type WorkflowClient, type WorkflowClientOptions } from './workflow-client';
