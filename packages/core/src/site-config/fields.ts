/**
 * Zod builders for the kinds of value the site config holds. Every check
 * carries one operator-facing message ("expected ..."); the loader appends
 * what was actually found, so messages here never repeat the value.
 */
import { isIP } from 'node:net';
import { isAbsolute } from 'node:path';
import { z } from 'zod';

const REQUIRED = 'is required';

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Unix and JupyterHub user names as sites use them (LDAP names may hold "." and "@"). */
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@-]*$/;

export const HOST_NAME = /^[a-z0-9][a-z0-9-]*$/;

export function integerIn(min: number, max: number): z.ZodNumber {
  const message = `expected an integer from ${min} to ${max}`;
  return z.number({ invalid_type_error: message, required_error: REQUIRED }).int(message).min(min, message).max(max, message);
}

export function port(): z.ZodNumber {
  return integerIn(1, 65535);
}

/** A duration in seconds, strictly above `min` (usually 0: "never" is not a timeout). */
export function secondsAbove(min: number): z.ZodNumber {
  const message = `expected a number of seconds greater than ${min}`;
  return z.number({ invalid_type_error: message, required_error: REQUIRED }).finite(message).gt(min, message);
}

/** A duration in seconds, at least `min` (0 allowed when "no wait" makes sense). */
export function secondsAtLeast(min: number): z.ZodNumber {
  const message = `expected a number of seconds, at least ${min}`;
  return z.number({ invalid_type_error: message, required_error: REQUIRED }).finite(message).gte(min, message);
}

export function hostOrIp() {
  const message = 'expected a hostname or IP address';
  return z
    .string({ invalid_type_error: message, required_error: REQUIRED })
    .refine((value) => isIP(value) !== 0 || HOSTNAME.test(value), message);
}

export function absolutePath() {
  const message = 'expected an absolute path';
  return z.string({ invalid_type_error: message, required_error: REQUIRED }).refine((value) => value !== '' && isAbsolute(value), message);
}

export function httpUrl() {
  const message = 'expected an http:// or https:// URL';
  return z.string({ invalid_type_error: message, required_error: REQUIRED }).refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, message);
}

export function userName(): z.ZodString {
  const message = 'expected a user name';
  return z.string({ invalid_type_error: message, required_error: REQUIRED }).regex(USER_NAME, message);
}

export function boolean(): z.ZodBoolean {
  const message = 'expected true or false';
  return z.boolean({ invalid_type_error: message, required_error: REQUIRED });
}

export function nonEmptyString(what: string): z.ZodString {
  const message = `expected ${what}`;
  return z.string({ invalid_type_error: message, required_error: REQUIRED }).min(1, message);
}

/** A mapping of its own keys; YAML's empty value (`hub:` with nothing under it) means "all defaults". */
export function section<T extends z.ZodTypeAny>(schema: T, defaultValue: z.input<T>) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.default(defaultValue));
}

export function mappingError(): { invalid_type_error: string; required_error: string } {
  return { invalid_type_error: 'expected a mapping', required_error: REQUIRED };
}
