/**
 * Reading and validating the site config file. Everything wrong with it is
 * reported at once, each problem with file:line:col and its dotted key, so
 * that an operator fixes the file in one pass.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { ZodIssue } from 'zod';
import type { ConfigProblem } from '../errors';
import { closestMatch } from '../suggest';
import { knownKeysAt } from './known-keys';
import { positionOf } from './positions';
import { configErrorOf, describeValue, dottedKey, valueAt } from './problems';
import { siteConfigObject, siteConfigSchema } from './schema';
import type { SiteConfig } from './types';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const near = closestMatch(key, known);
  if (near !== undefined) return `unknown key; did you mean "${near}"?`;
  return known.length > 0 ? `unknown key; known keys: ${known.join(', ')}` : 'unknown key';
}

function problemsOfIssue(issue: ZodIssue, data: unknown, file: string, document: Document, lineCounter: LineCounter): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(siteConfigObject, issue.path);
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      return {
        file,
        ...positionOf(document, lineCounter, path),
        key: dottedKey(path),
        message: unknownKeyMessage(key, known),
      };
    });
  }
  const found = valueAt(data, issue.path);
  // Checks say what was expected and we add what was there, unless the check already quotes it.
  const explained = issue.code === 'custom' && (issue.params as { quotesValue?: unknown } | undefined)?.quotesValue === true;
  const message = found === undefined || explained ? issue.message : `${issue.message}, got ${describeValue(found)}`;
  return [{ file, ...positionOf(document, lineCounter, issue.path), key: dottedKey(issue.path), message }];
}

/** Validates the text of a site config; `file` is only used in messages. Throws ConfigError. */
export function parseSiteConfig(text: string, file: string): SiteConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    // The tree after a syntax error is a guess; checking it would report phantom problems.
    throw configErrorOf(
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { file, line, column: col, key: '', message: `YAML syntax error: ${error.message}` };
      }),
    );
  }
  const data: unknown = document.toJS();
  const result = siteConfigSchema.safeParse(data);
  if (!result.success) {
    throw configErrorOf(result.error.issues.flatMap((issue) => problemsOfIssue(issue, data, file, document, lineCounter)));
  }
  return deepFreeze(result.data);
}

function readFailure(err: unknown): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'cannot read the site config: no such file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the site config: permission denied (it must be readable by the account that runs the hub)';
    case 'EISDIR':
      return 'cannot read the site config: it is a directory, expected a YAML file';
    default:
      return `cannot read the site config: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Reads and validates the site config file (synchronously: it is read once, at start). Throws ConfigError. */
export function loadSiteConfig(file: string): SiteConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw configErrorOf([{ file, key: '', message: readFailure(err) }]);
  }
  return parseSiteConfig(text, file);
}
