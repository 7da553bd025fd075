import { HubInvalidReplyError } from './errors';
import type { TokenReply, UserReply, VersionReply } from './models';

/*
 * Runtime checks of what the hub sends, applied where each reply enters.
 * Everything past these functions may trust the static types.
 */

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((item) => typeof item === 'string');
}

function fail(what: string, problem: string): never {
  throw new HubInvalidReplyError(`${what}: ${problem}`);
}

export function validateTokenReply(x: unknown): asserts x is TokenReply {
  const what = 'oauth2/token reply';
  if (!isObject(x)) fail(what, 'not a JSON object');
  if (typeof x.access_token !== 'string' || x.access_token === '') fail(what, 'no access_token');
}

export function validateVersionReply(x: unknown): asserts x is VersionReply {
  const what = 'hub version reply';
  if (!isObject(x)) fail(what, 'not a JSON object');
  if (typeof x.version !== 'string' || x.version === '') fail(what, 'no version');
}

export function validateUserReply(x: unknown): asserts x is UserReply {
  const what = 'user reply';
  if (!isObject(x)) fail(what, 'not a JSON object');
  if (typeof x.name !== 'string' || x.name === '') fail(what, 'no name');
  if (x.kind !== undefined && x.kind !== null && typeof x.kind !== 'string') fail(what, 'kind is not a string');
  if (x.groups !== undefined && x.groups !== null && !isStringArray(x.groups)) fail(what, 'groups is not a list of strings');
  if (x.scopes !== undefined && x.scopes !== null && !isStringArray(x.scopes)) fail(what, 'scopes is not a list of strings');
  if (x.admin !== undefined && x.admin !== null && typeof x.admin !== 'boolean') fail(what, 'admin is not a boolean');
}
