/**
 * One domain's policy for one operation, as Casbin policy lines: the owner's
 * line, then each layer's non-empty buckets (negating, granting, replacing),
 * then the site limits. A decision scans at most ten lines, whatever the
 * number of rules, and the buckets say which rules matched, for explanations.
 */
import type { Model } from 'casbin';
import type { RuleSource } from '../config/types';
import type { DecidingLayer, Decision } from '../decision';
import { describeRule } from '../decision';
import { OPERATION_LEVELS, type Operation } from '../levels';
import { userSubject } from '../subjects';
import type { BucketMembers, LayerBuckets } from './layer-buckets';
import { LAYERS_CONTEXT, LIMITS_CONTEXT, policyModel, type PolicyEnforcer, type PolicyLines } from './model';
import { SubjectRoleManager } from './role-manager';

export type Layer = 'workflow' | 'user' | 'site';

/** One owner's workflow as its layers see it, each layer compiled once per file. */
export interface DomainLayers {
  readonly owner: string;
  /** Casbin's `dom`: the owner and the workflow file whose layer applies. */
  readonly domain: string;
  /** In the order they override: the workflow's first. */
  readonly layers: readonly { readonly layer: Layer; readonly buckets: LayerBuckets }[];
  readonly limits: LayerBuckets;
}

/** What a decision says, and the rules behind it (the explanation adds who asked). */
export interface Outcome {
  readonly decision: Decision;
  readonly rules: readonly RuleSource[];
  readonly limitRules: readonly RuleSource[];
}

const LAYER_PRIORITY: Readonly<Record<Layer, number>> = { workflow: 10, user: 20, site: 30 };
const OWNER_BUCKET = 'owner';
const LIMIT_DENY = 'limit:deny';
const LIMIT_ALLOW = 'limit:allow';
const OWNER_SOURCE: RuleSource = { file: '', key: '', text: 'the owner may do everything on their own workflows' };

export class PolicySet {
  private readonly roles = new SubjectRoleManager();
  /** Bucket name → its members, and the layer its line speaks for. */
  private readonly buckets = new Map<string, { readonly members: BucketMembers; readonly layer: DecidingLayer }>();
  private readonly model: Model;

  constructor(
    private readonly domain: DomainLayers,
    private readonly operation: Operation,
  ) {
    const lines: PolicyLines = { layers: [], limits: [] };
    const line = (priority: number, bucket: string, members: BucketMembers, layer: DecidingLayer, eft: 'allow' | 'deny'): void => {
      if (members.size === 0) return;
      this.define(bucket, members, layer);
      lines.layers.push([String(priority), bucket, domain.domain, operation, eft]);
    };
    line(1, OWNER_BUCKET, new Map([[userSubject(domain.owner), [OWNER_SOURCE]]]), 'owner', 'allow');
    for (const { layer, buckets } of domain.layers) {
      const base = LAYER_PRIORITY[layer];
      const { deny, allow } = buckets.forOperation(operation);
      line(base, `${layer}:deny`, deny, layer, 'deny');
      line(base + 1, `${layer}:allow`, allow, layer, 'allow');
      line(base + 2, `${layer}:replaced`, buckets.replaced, layer, 'deny');
    }
    const limits = domain.limits.forOperation(operation);
    for (const [bucket, members, eft] of [
      [LIMIT_ALLOW, limits.allow, 'allow'],
      [LIMIT_DENY, limits.deny, 'deny'],
    ] as const) {
      if (members.size === 0) continue;
      this.define(bucket, members, 'limit');
      lines.limits.push([bucket, domain.domain, operation, eft]);
    }
    this.model = policyModel(lines, this.roles);
  }

  /** Casbin's decision for a person whose subjects (among those the domain's rules name) are `subjects`. */
  decide(enforcer: PolicyEnforcer, person: string, subjects: readonly string[]): Outcome {
    const { operation } = this;
    const { domain } = this.domain;
    const level = OPERATION_LEVELS[operation];
    this.roles.setSubjects(person, subjects);
    enforcer.startDecision();
    const [layered, line] = enforcer.decideWith(this.model, LAYERS_CONTEXT, person, domain, operation);
    const bucket = line[1] === undefined ? undefined : this.buckets.get(line[1]);
    const layer = bucket?.layer ?? 'none';
    const rules = bucket === undefined ? [] : matchingSources(bucket.members, subjects);
    const layerRule =
      rules[0] === undefined ? 'no rule grants it: denied by default' : layer === 'owner' ? rules[0].text : describeRule(rules[0]);
    if (!layered || layer === 'owner') return { decision: { allowed: layered, level, layer, rule: layerRule }, rules, limitRules: [] };
    const [limited, limitLine] = enforcer.decideWith(this.model, LIMITS_CONTEXT, person, domain, operation);
    const limitRules = [...this.sources(LIMIT_DENY, subjects), ...this.sources(LIMIT_ALLOW, subjects)];
    if (limited) return { decision: { allowed: true, level, layer, rule: layerRule }, rules, limitRules };
    const negation = limitLine[0] === undefined ? undefined : this.sources(limitLine[0], subjects)[0];
    const why =
      negation === undefined ? 'no site limit that covers this person includes it' : `the site limit negates it: ${describeRule(negation)}`;
    return { decision: { allowed: false, level, layer: 'limit', rule: `${layerRule}; but ${why}` }, rules, limitRules };
  }

  private define(bucket: string, members: BucketMembers, layer: DecidingLayer): void {
    this.roles.defineBucket(bucket, members);
    this.buckets.set(bucket, { members, layer });
  }

  private sources(bucket: string, subjects: readonly string[]): RuleSource[] {
    const members = this.buckets.get(bucket)?.members;
    return members === undefined ? [] : matchingSources(members, subjects);
  }
}

function matchingSources(members: BucketMembers, subjects: readonly string[]): RuleSource[] {
  return subjects.flatMap((subject) => members.get(subject) ?? []);
}
