/**
 * Validation of what the hub's shim sends, where it enters: every field is
 * checked and a bad one is named in the 400 reply.
 */
import type { ServerHandle } from '../protocol';
import type { StartRequest } from './spawner';

export class BadRequest extends Error {
  readonly code = 'BAD_REQUEST';
  readonly httpStatus = 400;
}

type Doc = Record<string, unknown>;

function object(x: unknown, what: string): Doc {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new BadRequest(`${what} must be a JSON object`);
  return x as Doc;
}

// Unix and hub user names: letters, digits and . _ - (no slashes, spaces or shell characters).
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
const SERVER_NAME = /^[A-Za-z0-9_.-]{0,64}$/;

function userAndServer(doc: Doc): { user: string; server: string } {
  const { user, server = '' } = doc;
  if (typeof user !== 'string' || !USER_NAME.test(user)) throw new BadRequest('"user" must be a user name (letters, digits, . _ -)');
  if (typeof server !== 'string' || !SERVER_NAME.test(server))
    throw new BadRequest('"server" must be a server name (letters, digits, . _ -) or ""');
  return { user, server };
}

export function parseStartRequest(body: unknown): StartRequest {
  const doc = object(body, 'request body');
  const { user, server } = userAndServer(doc);
  const env = object(doc.env, '"env"');
  for (const [k, v] of Object.entries(env)) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(k)) throw new BadRequest(`"env" key "${k.slice(0, 40)}" is not an environment variable name`);
    if (typeof v !== 'string') throw new BadRequest(`"env.${k}" must be a string`);
  }
  if (doc.hubVersion !== undefined && typeof doc.hubVersion !== 'string') throw new BadRequest('"hubVersion" must be a string');
  return {
    user,
    server,
    env: env as Record<string, string>,
    ...(typeof doc.hubVersion === 'string' ? { hubVersion: doc.hubVersion } : {}),
  };
}

export function parseHandleRequest(body: unknown): { user: string; server: string; handle: ServerHandle } {
  const doc = object(body, 'request body');
  const { user, server } = userAndServer(doc);
  const state = object(doc.state, '"state"');
  const { host, ip, port, pid, startTime } = state;
  if (typeof host !== 'string' || host === '') throw new BadRequest('"state.host" must be a host name');
  if (typeof ip !== 'string' || ip === '') throw new BadRequest('"state.ip" must be an address');
  for (const [name, v] of [
    ['port', port],
    ['pid', pid],
    ['startTime', startTime],
  ] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new BadRequest(`"state.${name}" must be a positive integer`);
  }
  return { user, server, handle: { host, ip, port: port as number, pid: pid as number, startTime: startTime as number } };
}
