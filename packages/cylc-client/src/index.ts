export {
  CylcClientError,
  ContactFileError,
  KeyFileError,
  WorkflowNotRunningError,
  SchedulerUnreachableError,
  SchedulerError,
  InvalidReplyError,
  ClientClosedError,
  RunDbError,
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
export { openWorkflowClient, openWorkflowSubscriber, type WorkflowClient, type WorkflowClientOptions } from './workflow-client';
export {
  ELEMENT_TYPES,
  DELTA_MESSAGE_TYPES,
  dataMessagesRoot,
  decodeAllDeltas,
  decodeElementDeltas,
  decodeEntireWorkflow,
  decodeWorkflowDeltas,
  encodeDataMessage,
  type AllDeltas,
  type DataElement,
  type ElementDeltas,
  type ElementType,
  type EntireWorkflow,
  type JobElement,
  type TaskProxyElement,
  type WorkflowDeltas,
  type WorkflowElement,
} from './data-messages';
export {
  DEBIAN_PB2_FILE,
  decodePythonBytesLiteral,
  extractSerializedDescriptor,
  loadPb2Schema,
  rootFromSerializedDescriptor,
} from './pb2-descriptor';
export { binaryReply, fetchDataElements, fetchEntireWorkflow, fetchWorkflowElement } from './pb-requests';
export { OVERWRITTEN_FIELDS, WorkflowStore, type ApplyResult } from './store';
export { CylcSubscriber, TOPIC_ALL, TOPIC_SHUTDOWN, toEvent, type SubscriberEvent, type SubscriberSettings } from './subscriber';
export { adler32, elementsChecksum, generateChecksum } from './checksum';
export { RUN_DB_FILE, RunDb, withRunDb, type RunDbOptions, type RunDbQuery } from './run-db';
export { TASK_JOB_COLUMNS, TASK_STATE_COLUMNS, type TaskJobRow, type TaskStateRow } from './run-db-rows';
export { BROADCAST_EVENT_COLUMNS, TASK_EVENT_COLUMNS, type BroadcastEventRow, type TaskEventRow } from './run-db-rows';
export {
  DEFAULT_SNAPSHOT_LIMITS,
  jobState,
  snapshotFromRows,
  submitNumText,
  type SnapshotLimits,
  type SnapshotRows,
  type SnapshotWorkflow,
} from './run-db-snapshot';
export { isEmptyChange, resetChange, type IdsByType, type WorkflowChange } from './change';
export {
  openSchedulerChannels,
  type DeltaChannel,
  type OpenChannelsOptions,
  type RequestChannel,
  type SchedulerChannels,
} from './channels';
export { checkLiveness, processExists, schedulerInstance, type Liveness } from './liveness';
export { isLocalHost } from './local-host';
export {
  DEFAULT_LIVENESS_INTERVAL_MS,
  DEFAULT_RESYNC_ATTEMPTS,
  WorkflowConnection,
  type ConnectionEnded,
  type ConnectionResync,
  type ConnectionState,
  type EndCause,
  type WorkflowConnectionEvents,
  type WorkflowConnectionOptions,
} from './connection';
export { liveStatus, type MonitoredWorkflow, type WorkflowStatus } from './monitored-run';
export {
  DEFAULT_SCAN_INTERVAL_MS,
  WorkflowMonitor,
  type LogLevel,
  type MonitorLog,
  type WorkflowMonitorEvents,
  type WorkflowMonitorOptions,
} from './monitor';
