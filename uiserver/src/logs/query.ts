import type { Request } from 'express';

/** A query parameter that is missing, repeated or malformed; the message names it. */
export class BadParameterError extends Error {
  override readonly name = 'BadParameterError';
  constructor(
    readonly parameter: string,
    reason: string,
  ) {
    super(`Parameter "${parameter}": ${reason}.`);
  }
}

/** Offsets beyond this are not byte positions in any file this server will meet. */
const OFFSET_PATTERN = /^[0-9]{1,15}$/;

/** The single string value of `name`, or undefined if absent. */
export function optionalParameter(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  // Repeated (`?id=a&id=b`) or nested (`?id[x]=a`) parameters are never meant.
  if (typeof value !== 'string') throw new BadParameterError(name, 'give it exactly once');
  return value;
}

export function requiredParameter(req: Request, name: string): string {
  const value = optionalParameter(req, name);
  if (value === undefined || value === '') throw new BadParameterError(name, 'missing');
  return value;
}

/** A byte offset: a non-negative decimal integer. */
export function offsetParameter(req: Request, name: string): number | undefined {
  const value = optionalParameter(req, name);
  if (value === undefined) return undefined;
  if (!OFFSET_PATTERN.test(value)) throw new BadParameterError(name, 'a byte offset is a whole number from 0');
  return Number(value);
}

/** `1` or `0` (absent means 0). */
export function flagParameter(req: Request, name: string): boolean {
  const value = optionalParameter(req, name);
  if (value === undefined || value === '0') return false;
  if (value === '1') return true;
  throw new BadParameterError(name, 'use 1 or 0');
}
