/**
 * Options of the unix role provider:
 *   groupFile    /etc/group by default
 *   passwdFile   /etc/passwd by default (for each person's primary group)
 *   cacheSeconds how long the parsed files are reused (default 30; 0 reads them on every lookup)
 *   prefix       put before each group name (default "group:")
 */
import { accessSync, constants } from 'node:fs';
import { isAbsolute } from 'node:path';
import { describeValue, pluginOptionsError, readPluginOptions } from '@isobar/core';
import type { OptionProblem, RoleProviderContext } from '@isobar/core';

export interface UnixRolesOptions {
  readonly groupFile: string;
  readonly passwdFile: string;
  readonly cacheSeconds: number;
  readonly prefix: string;
}

const KEYS = ['groupFile', 'passwdFile', 'cacheSeconds', 'prefix'];

function readableFile(record: Readonly<Record<string, unknown>>, key: string, fallback: string, problems: OptionProblem[]): string {
  const value = record[key] ?? fallback;
  if (typeof value !== 'string' || !isAbsolute(value)) {
    problems.push({ key, message: `expected an absolute path, got ${describeValue(value)}` });
    return fallback;
  }
  try {
    // Checked at start so that a wrong path stops the service instead of silently granting no groups.
    accessSync(value, constants.R_OK);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    problems.push({ key, message: `cannot read ${value} (${typeof code === 'string' ? code : String(err)})` });
  }
  return value;
}

export function parseUnixRolesOptions(options: unknown, context: RoleProviderContext): UnixRolesOptions {
  const record = readPluginOptions(options, context, KEYS);
  const problems: OptionProblem[] = [];
  const groupFile = readableFile(record, 'groupFile', '/etc/group', problems);
  const passwdFile = readableFile(record, 'passwdFile', '/etc/passwd', problems);
  const cacheSeconds = record.cacheSeconds ?? 30;
  if (typeof cacheSeconds !== 'number' || !Number.isFinite(cacheSeconds) || cacheSeconds < 0) {
    problems.push({ key: 'cacheSeconds', message: `expected a number of seconds >= 0, got ${describeValue(cacheSeconds)}` });
  }
  const prefix = record.prefix ?? 'group:';
  if (typeof prefix !== 'string') problems.push({ key: 'prefix', message: `expected a string, got ${describeValue(prefix)}` });
  if (problems.length > 0) throw pluginOptionsError(context, problems);
  return { groupFile, passwdFile, cacheSeconds: cacheSeconds as number, prefix: prefix as string };
}
