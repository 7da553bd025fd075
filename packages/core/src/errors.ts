/**
 * Error classes with stable codes. Callers tell errors apart by `code` (or
 * class), never by message text; `httpStatusOf` is the one place that maps
 * an error to an HTTP status.
 */

export interface IsobarErrorOptions {
  readonly cause?: unknown;
}

export class IsobarError extends Error {
  readonly code: string;
  readonly httpStatus: number;

  constructor(code: string, httpStatus: number, message: string, options?: IsobarErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.httpStatus = httpStatus;
    // Subclasses get their own name in stack traces and logs.
    this.name = new.target.name;
  }
}

/** One problem in a config file, with where it is. */
export interface ConfigProblem {
  readonly file: string;
  /** 1-based; undefined when the problem has no position (e.g. a missing file). */
  readonly line?: number;
  readonly column?: number;
  /** Dotted key, e.g. "hosts[1].port"; "" for the whole file. */
  readonly key: string;
  readonly message: string;
}

/** The site config (or a plugin's options) is wrong: the process cannot start. */
export class ConfigError extends IsobarError {
  /** Every problem found, in file order; the message has one line per problem. */
  readonly problems: readonly ConfigProblem[];

  constructor(message: string, problems: readonly ConfigProblem[] = [], options?: IsobarErrorOptions) {
    super('CONFIG_INVALID', 500, message, options);
    this.problems = problems;
  }
}

export type PluginErrorCode = 'PLUGIN_UNKNOWN' | 'PLUGIN_BROKEN';

/** A configured plugin is not installed, or is installed but unusable. */
export class PluginError extends IsobarError {
  declare readonly code: PluginErrorCode;

  constructor(code: PluginErrorCode, message: string, options?: IsobarErrorOptions) {
    super(code, 500, message, options);
  }
}

/** The request is malformed (bad JSON, missing field): the caller must change it. */
export class BadRequestError extends IsobarError {
  constructor(message: string, options?: IsobarErrorOptions) {
    super('BAD_REQUEST', 400, message, options);
  }
}

/** No valid credentials (token, cookie) came with the request. */
export class UnauthorizedError extends IsobarError {
  constructor(message: string, options?: IsobarErrorOptions) {
    super('UNAUTHORIZED', 401, message, options);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends IsobarError {
  constructor(message: string, options?: IsobarErrorOptions) {
    super('FORBIDDEN', 403, message, options);
  }
}

/** The thing asked for does not exist (a server, a workflow). */
export class NotFoundError extends IsobarError {
  constructor(message: string, options?: IsobarErrorOptions) {
    super('NOT_FOUND', 404, message, options);
  }
}

function isHttpErrorStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599;
}

/**
 * The HTTP status to answer with for `err`. Isobar errors carry their own;
 * errors from http libraries (body-parser, http-errors) carry `status` or
 * `statusCode`, which are honoured so that a bad JSON body stays a 400.
 * Anything else is a bug on our side: 500.
 */
export function httpStatusOf(err: unknown): number {
  if (err instanceof IsobarError) return err.httpStatus;
  if (typeof err === 'object' && err !== null) {
    const fields = err as { httpStatus?: unknown; status?: unknown; statusCode?: unknown };
    for (const candidate of [fields.httpStatus, fields.status, fields.statusCode]) {
      if (isHttpErrorStatus(candidate)) return candidate;
    }
  }
  return 500;
}
