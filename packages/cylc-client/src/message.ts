/**
 * The scheduler's request/reply messages: a JSON request
 * `{"command", "args", "meta"}`; a reply `{"data": …}` or
 * `{"error": {"message": …}}` (or raw bytes for the `pb_*` commands).
 * Replies are validated here, where they enter.
 */
import { InvalidReplyError, SchedulerError } from './errors';

export interface RequestMeta {
  /** The program asking (shown nowhere important; Cylc's own tools send their name). */
  readonly prog: string;
  /** The host the request comes from (informational, not trusted by the scheduler). */
  readonly host: string;
  readonly comms_method: 'zmq';
  /** The person on whose behalf the request is made; the scheduler logs it for commands. */
  readonly auth_user: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface CylcRequest {
  readonly command: string;
  readonly args: JsonObject;
  readonly meta: RequestMeta;
}

export function encodeRequest(request: CylcRequest): string {
  return JSON.stringify(request);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Decodes a JSON reply and returns its `data`; an `error` reply throws SchedulerError. */
export function decodeJsonReply(reply: Buffer): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.toString('utf8'));
  } catch {
    throw new InvalidReplyError(`reply is not JSON: ${JSON.stringify(reply.subarray(0, 80).toString('utf8'))}`);
  }
  if (!isObject(parsed)) throw new InvalidReplyError('reply is not a JSON object');
  if ('error' in parsed) {
    const error = parsed['error'];
    const message = isObject(error) && typeof error['message'] === 'string' ? error['message'] : JSON.stringify(error);
    throw new SchedulerError(message);
  }
  if (!('data' in parsed)) throw new InvalidReplyError('reply has neither "data" nor "error"');
  return parsed['data'];
}

/** A GraphQL result's `data` as the scheduler returns it. */
export type GraphQLData = Record<string, unknown>;

/**
 * Validates the `data` of a `graphql` reply. The 8.0 scheduler returns the
 * result's data as an object; on errors, a list of them (each a message or
 * `{"error": {"message": …}}`); on an execution failure, a string `ERROR: …`.
 */
export function validateGraphQLData(data: unknown): GraphQLData {
  if (isObject(data)) return data;
  if (Array.isArray(data)) {
    const messages = data.map((e): string => {
      if (typeof e === 'string') return e;
      if (isObject(e) && isObject(e['error']) && typeof e['error']['message'] === 'string') return e['error']['message'];
      return JSON.stringify(e);
    });
    throw new SchedulerError(`GraphQL: ${messages.join('; ')}`, messages);
  }
  if (typeof data === 'string') throw new SchedulerError(data.trim());
  throw new InvalidReplyError(`GraphQL reply data is ${data === null ? 'null' : typeof data}`);
}
