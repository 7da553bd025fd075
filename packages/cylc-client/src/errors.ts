/**
 * Errors from reading a workflow's files and talking to its scheduler.
 * Callers branch on `code` (stable) or on the class, never on message text.
 */
export type CylcClientErrorCode =
  | 'CONTACT_INVALID'
  | 'KEYS_INVALID'
  | 'WORKFLOW_NOT_RUNNING'
  | 'SCHEDULER_UNREACHABLE'
  | 'SCHEDULER_ERROR'
  | 'INVALID_REPLY'
  | 'CLIENT_CLOSED'
  | 'RUN_DB_INVALID';

export abstract class CylcClientError extends Error {
  abstract readonly code: CylcClientErrorCode;
}

/** A contact file is missing a key, or a value has the wrong form. */
export class ContactFileError extends CylcClientError {
  readonly code = 'CONTACT_INVALID';
  override readonly name = 'ContactFileError';
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    message: string,
  ) {
    super(`${file}: ${key === undefined ? '' : `${key}: `}${message}`);
  }
}

/** A CURVE certificate file is unreadable or malformed. */
export class KeyFileError extends CylcClientError {
  readonly code = 'KEYS_INVALID';
  override readonly name = 'KeyFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** No contact file: the workflow's scheduler is not running (or never ran). */
export class WorkflowNotRunningError extends CylcClientError {
  readonly code = 'WORKFLOW_NOT_RUNNING';
  override readonly name = 'WorkflowNotRunningError';
}

/** No reply within the timeout: the scheduler has stopped, hangs, or its keys changed. */
export class SchedulerUnreachableError extends CylcClientError {
  readonly code = 'SCHEDULER_UNREACHABLE';
  override readonly name = 'SchedulerUnreachableError';
}

/** The scheduler answered with an error (unknown command, GraphQL errors, …). */
export class SchedulerError extends CylcClientError {
  readonly code = 'SCHEDULER_ERROR';
  override readonly name = 'SchedulerError';
  constructor(
    message: string,
    readonly messages: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** The scheduler answered with something its protocol does not allow. */
export class InvalidReplyError extends CylcClientError {
  readonly code = 'INVALID_REPLY';
  override readonly name = 'InvalidReplyError';
}

/** The client was closed; no more requests. */
export class ClientClosedError extends CylcClientError {
  readonly code = 'CLIENT_CLOSED';
  override readonly name = 'ClientClosedError';
}

/** A run database is missing, unreadable, or has rows of an unexpected shape. */
export class RunDbError extends CylcClientError {
  readonly code = 'RUN_DB_INVALID';
  override readonly name = 'RunDbError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}
