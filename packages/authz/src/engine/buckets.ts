/**
 * Compiling one domain's layers, for one operation, to Casbin policy lines.
 * A layer's rules about an operation fall in three buckets: those negating
 * it, those granting it, and those replacing the layer above with a list
 * that lacks it. Each non-empty bucket is one policy line, so a decision
 * scans at most ten lines whatever the number of rules.
 */
import type { GrantRule, RuleSource } from '../config/types';
import type { Operation } from '../levels';
import { userSubject } from '../subjects';
import type { PolicyLines } from './model';

export type Layer = 'workflow' | 'user' | 'site';

export interface DomainRules {
  readonly owner: string;
  /** Casbin's `dom`: the owner and the workflow whose layer applies. */
  readonly domain: string;
  /** Layers in the order they override: the workflow's first. */
  readonly layers: readonly { readonly layer: Layer; readonly rules: readonly GrantRule[] }[];
  readonly limits: readonly GrantRule[];
}

/** Bucket name → subject → the rules that put that subject in it. */
export type BucketSources = Map<string, Map<string, RuleSource[]>>;

export interface CompiledOperation {
  readonly lines: PolicyLines;
  readonly buckets: BucketSources;
}

const LAYER_PRIORITY: Readonly<Record<Layer, number>> = { workflow: 10, user: 20, site: 30 };
export const OWNER_BUCKET = 'owner';

function addToBucket(buckets: BucketSources, bucket: string, rule: GrantRule): void {
  let members = buckets.get(bucket);
  if (members === undefined) {
    members = new Map();
    buckets.set(bucket, members);
  }
  const sources = members.get(rule.subject);
  if (sources === undefined) members.set(rule.subject, [rule.source]);
  else sources.push(rule.source);
}

export function compileOperation(domain: DomainRules, operation: Operation): CompiledOperation {
  const buckets: BucketSources = new Map();
  const layers: string[][] = [];
  const limits: string[][] = [];
  const ownerSource: RuleSource = { file: '', key: '', text: 'the owner may do everything on their own workflows' };
  buckets.set(OWNER_BUCKET, new Map([[userSubject(domain.owner), [ownerSource]]]));
  layers.push(['1', OWNER_BUCKET, domain.domain, operation, 'allow', 'owner']);
  for (const { layer, rules } of domain.layers) {
    const base = LAYER_PRIORITY[layer];
    const kinds = [
      { name: `${layer}:deny`, priority: base, eft: 'deny' },
      { name: `${layer}:allow`, priority: base + 1, eft: 'allow' },
      { name: `${layer}:replaced`, priority: base + 2, eft: 'deny' },
    ] as const;
    for (const rule of rules) {
      if (rule.denied.has(operation)) addToBucket(buckets, kinds[0].name, rule);
      else if (rule.granted.has(operation)) addToBucket(buckets, kinds[1].name, rule);
      else if (rule.replaces) addToBucket(buckets, kinds[2].name, rule);
    }
    for (const kind of kinds) {
      if (buckets.has(kind.name)) layers.push([String(kind.priority), kind.name, domain.domain, operation, kind.eft, layer]);
    }
  }
  for (const rule of domain.limits) {
    if (rule.denied.has(operation)) addToBucket(buckets, 'limit:deny', rule);
    else if (rule.granted.has(operation)) addToBucket(buckets, 'limit:allow', rule);
  }
  if (buckets.has('limit:allow')) limits.push(['limit:allow', domain.domain, operation, 'allow']);
  if (buckets.has('limit:deny')) limits.push(['limit:deny', domain.domain, operation, 'deny']);
  return { lines: { layers, limits }, buckets };
}

/** Every subject any rule of the domain names: the only ones that can change a decision. */
export function mentionedSubjects(domain: DomainRules): Set<string> {
  const subjects = new Set<string>([userSubject(domain.owner)]);
  for (const { rules } of domain.layers) for (const rule of rules) subjects.add(rule.subject);
  for (const rule of domain.limits) subjects.add(rule.subject);
  return subjects;
}
