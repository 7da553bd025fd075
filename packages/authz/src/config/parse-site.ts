/**
 * The site's authorisation config (`/etc/isobar/authz.yaml`), in Cylc UI
 * server's site_authorization shape under one key: per owner (or `*` for
 * every owner), per subject, the defaults and the limit.
 *
 *   owners:
 *     '*':
 *       '*':
 *         default: [READ, stop, play]
 *         limit: [READ, CONTROL]
 *
 * Never throws: a file with problems grants nothing and allows nothing
 * (fail closed): only owners keep access to their own workflows.
 */
import type { ConfigProblem } from '@isobar/core';
import type { Node, Pair } from 'yaml';
import { EVERYONE, parseSubject } from '../subjects';
import { denyEveryoneRule } from './fail-closed';
import { readPermissionList } from './permission-list';
import type { ProblemList } from './problems';
import type { GrantRule, SiteLayer, SitePolicy, SiteRule } from './types';
import { checkKnownKeys, findPair, joinKey, keyText, mappingPairs, readConfig, type ParsedDocument } from './yaml-document';

const TOP_KEYS = ['owners'];
const ENTRY_KEYS = ['default', 'limit'];

function ownerProblem(owner: string): string | undefined {
  if (owner === EVERYONE) return undefined;
  const parsed = parseSubject(owner);
  return parsed.ok && parsed.subject.startsWith('user:') ? undefined : 'expected an owner\'s user name or "*"';
}

function readEntry(owner: string, pair: Pair, ownerKey: string, problems: ProblemList): SiteRule | undefined {
  const key = keyText(pair, problems, ownerKey);
  if (key === undefined) return undefined;
  const dotted = joinKey(ownerKey, key);
  const subject = parseSubject(key);
  if (!subject.ok) {
    problems.add(pair.key as Node | null, dotted, subject.message);
    return undefined;
  }
  const fields = mappingPairs(pair.value, problems, dotted, pair.key as Node | null);
  if (fields === undefined) return undefined;
  checkKnownKeys(fields, ENTRY_KEYS, problems, dotted);
  const defaultPair = findPair(fields, 'default');
  const limitPair = findPair(fields, 'limit');
  if (defaultPair === undefined && limitPair === undefined) {
    problems.add(pair.key as Node | null, dotted, 'expected "default", "limit" or both');
    return undefined;
  }
  const defaults: GrantRule | undefined =
    defaultPair === undefined
      ? // No default: this entry gives nothing by itself (and takes nothing away), only a limit.
        {
          subject: subject.subject,
          granted: new Set(),
          denied: new Set(),
          replaces: false,
          source: { file: problems.file, key: joinKey(dotted, 'default'), text: '(not set)' },
        }
      : readPermissionList(subject.subject, defaultPair, joinKey(dotted, 'default'), problems);
  // As in Cylc: without a limit, the default is also the limit.
  const limit = limitPair === undefined ? defaults : readPermissionList(subject.subject, limitPair, joinKey(dotted, 'limit'), problems);
  if (defaults === undefined || limit === undefined) return undefined;
  return { owner, defaults, limit };
}

export function parseSiteLayer(text: string, file: string): SiteLayer {
  return readConfig(text, file, (parsed) => readSiteLayer(parsed, file));
}

/** The layer from a document already read (by either reader: tests compare the two). */
export function readSiteLayer(parsed: ParsedDocument, file: string): SiteLayer {
  if (!parsed.ok) return refusedSiteLayer(file, parsed.problems);
  const { root, problems } = parsed;
  const rules: SiteRule[] = [];
  if (root !== undefined) {
    checkKnownKeys(root.items, TOP_KEYS, problems, '');
    const owners = findPair(root.items, 'owners');
    const ownerPairs = owners === undefined ? [] : (mappingPairs(owners.value, problems, 'owners', owners.key as Node | null) ?? []);
    for (const ownerPair of ownerPairs) {
      const owner = keyText(ownerPair, problems, 'owners');
      if (owner === undefined) continue;
      const ownerKey = joinKey('owners', owner);
      const problem = ownerProblem(owner);
      if (problem !== undefined) {
        problems.add(ownerPair.key as Node | null, ownerKey, problem);
        continue;
      }
      for (const pair of mappingPairs(ownerPair.value, problems, ownerKey, ownerPair.key as Node | null) ?? []) {
        const rule = readEntry(owner, pair, ownerKey, problems);
        if (rule !== undefined) rules.push(rule);
      }
    }
  }
  if (problems.problems.length > 0) return refusedSiteLayer(file, problems.problems);
  return { file, rules, problems: [] };
}

/** A broken site config: everyone's default is nothing and nobody's limit allows anything. */
export function refusedSiteLayer(file: string, problems: readonly ConfigProblem[]): SiteLayer {
  const denyAll = denyEveryoneRule(file, problems);
  return { file, rules: [{ owner: EVERYONE, defaults: denyAll, limit: denyAll }], problems };
}

/**
 * The site's rules for one owner: the `*` owner's entries, each replaced by
 * the owner's own entry for the same subject when the site has one.
 */
export function sitePolicyFor(site: SiteLayer, owner: string): SitePolicy {
  const bySubject = new Map<string, SiteRule>();
  for (const rule of site.rules) if (rule.owner === EVERYONE) bySubject.set(rule.defaults.subject, rule);
  for (const rule of site.rules) if (rule.owner === owner && owner !== EVERYONE) bySubject.set(rule.defaults.subject, rule);
  const chosen = [...bySubject.values()];
  return { defaults: chosen.map((rule) => rule.defaults), limits: chosen.map((rule) => rule.limit) };
}
