/**
 * An owner's config (`~owner/.isobar/authz.yaml`) or a workflow's
 * (`<run dir>/.isobar/authz.yaml`): who may do what, in Cylc UI server's
 * user_authorization shape under one key.
 *
 *   grants:
 *     '*': []
 *     'role:forecasters': [READ]
 *     alice: [CONTROL, '!kill']
 *
 * Never throws: a file with problems denies everyone everything (fail closed).
 */
import type { ConfigProblem } from '@isobar/core';
import type { Node } from 'yaml';
import { parseSubject } from '../subjects';
import { denyEveryoneRule } from './fail-closed';
import { readPermissionList } from './permission-list';
import type { GrantRule, GrantsLayer } from './types';
import { checkKnownKeys, findPair, joinKey, keyText, mappingPairs, readConfig, type ParsedDocument } from './yaml-document';

const TOP_KEYS = ['grants'];

export function parseGrantsLayer(text: string, file: string, layer: GrantsLayer['layer']): GrantsLayer {
  return readConfig(text, file, (parsed) => readGrantsLayer(parsed, file, layer));
}

/** The layer from a document already read (by either reader: tests compare the two). */
export function readGrantsLayer(parsed: ParsedDocument, file: string, layer: GrantsLayer['layer']): GrantsLayer {
  if (!parsed.ok) return refusedGrantsLayer(file, layer, parsed.problems);
  const { root, problems } = parsed;
  const rules: GrantRule[] = [];
  if (root !== undefined) {
    checkKnownKeys(root.items, TOP_KEYS, problems, '');
    const grants = findPair(root.items, 'grants');
    const pairs = grants === undefined ? [] : (mappingPairs(grants.value, problems, 'grants', grants.key as Node | null) ?? []);
    for (const pair of pairs) {
      const key = keyText(pair, problems, 'grants');
      if (key === undefined) continue;
      const dotted = joinKey('grants', key);
      const subject = parseSubject(key);
      if (!subject.ok) {
        problems.add(pair.key as Node | null, dotted, subject.message);
        continue;
      }
      const rule = readPermissionList(subject.subject, pair, dotted, problems);
      if (rule !== undefined) rules.push(rule);
    }
  }
  if (problems.problems.length > 0) return refusedGrantsLayer(file, layer, problems.problems);
  return { layer, file, rules, problems: [] };
}

/** The layer for a file that was refused or is broken: it denies everyone everything. */
export function refusedGrantsLayer(file: string, layer: GrantsLayer['layer'], problems: readonly ConfigProblem[]): GrantsLayer {
  return { layer, file, rules: [denyEveryoneRule(file, problems)], problems };
}
