import type { JsonObject } from './types';

/**
 * Broadcast settings typed as `key=value` lines, the way `cylc broadcast -s`
 * takes them, turned into what the scheduler's broadcast manager merges
 * into `[runtime][<namespace>]`: `[environment]FOO=bar` → `{environment: {FOO: "bar"}}`.
 */

export interface ParsedSettings {
  readonly settings: JsonObject[];
  readonly errors: string[];
}

const SECTION = /^\[([^\]]*)\](.*)$/;

export function parseSetting(line: string): JsonObject | string {
  const eq = line.indexOf('=');
  if (eq < 0) return `"${line}" is not key=value`;
  const left = line.slice(0, eq).trim();
  const value = line.slice(eq + 1).trim();
  if (!left) return `"${line}" has no key`;
  const keys: string[] = [];
  let tail = left;
  let endsInSection = false;
  while (tail) {
    const match = SECTION.exec(tail);
    if (match) {
      keys.push((match[1] ?? '').trim());
      tail = (match[2] ?? '').trim();
      endsInSection = !tail;
    } else {
      keys.push(tail.trim());
      tail = '';
    }
  }
  // A value must go to an item, not a whole section (`[environment]=1`).
  if (endsInSection || keys.some((key) => !key || key.includes('[') || key.includes(']'))) return `"${left}" is not a valid setting name`;
  // Cylc refuses this too: inheritance is fixed by the workflow definition.
  if (keys[0] === 'inherit') return 'inheritance cannot be changed by broadcast';
  let setting: JsonObject = { [keys[keys.length - 1] as string]: value };
  for (let i = keys.length - 2; i >= 0; i -= 1) setting = { [keys[i] as string]: setting };
  return setting;
}

/** One setting per non-empty line; lines starting with `#` are comments. */
export function parseSettings(text: string): ParsedSettings {
  const settings: JsonObject[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parsed = parseSetting(line);
    if (typeof parsed === 'string') errors.push(`line ${index + 1}: ${parsed}`);
    else settings.push(parsed);
  });
  if (settings.length === 0 && errors.length === 0) errors.push('no settings given');
  return { settings, errors };
}

/** A comma/space separated list (namespaces, cycle points, outputs), empties dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}
