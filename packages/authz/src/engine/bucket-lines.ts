/**
 * The buckets Casbin's policy lines name, and the lines themselves.
 *
 * A bucket is "the people one layer's rules say one thing about for one
 * operation": the owner; per layer, those it negates the operation for,
 * those it grants it to, and those whose lists replace the layer above; the
 * site limits granting and negating it. A line gives Casbin the bucket's
 * priority and effect; who is in the bucket, the layer's table says
 * (layer-table.ts, domain-table.ts).
 *
 * A line names a bucket, never a domain or an operation: a policy set is one
 * domain's lines for one operation, so which set is asked says both. A set
 * is therefore just which buckets are non-empty, and every set with the same
 * ones is the same few arrays: built on first use, shared by every domain,
 * and read often enough to stay in the processor's caches.
 */
import type { DecidingLayer } from '../decision';
import type { PolicyLines } from './model';

export type Layer = 'workflow' | 'user' | 'site';
export type Effect = 'allow' | 'deny';

interface BucketSpec {
  /** `p` for the layers, in priority order; `p2` for the site's limits. */
  readonly policy: 'p' | 'p2';
  /** As the `p` line spells it: Casbin's priority effect reads the lines in the order given. */
  readonly priority: string;
  readonly eft: Effect;
  readonly layer: DecidingLayer;
  /** What puts a subject in it: being the owner, or one of its rules negating, granting, or replacing. */
  readonly kind: 'owner' | 'deny' | 'allow' | 'replaced';
}

/** Every bucket, the layers' in priority order, then the limits. */
export const BUCKETS = {
  owner: { policy: 'p', priority: '1', eft: 'allow', layer: 'owner', kind: 'owner' },
  'workflow:deny': { policy: 'p', priority: '10', eft: 'deny', layer: 'workflow', kind: 'deny' },
  'workflow:allow': { policy: 'p', priority: '11', eft: 'allow', layer: 'workflow', kind: 'allow' },
  'workflow:replaced': { policy: 'p', priority: '12', eft: 'deny', layer: 'workflow', kind: 'replaced' },
  'user:deny': { policy: 'p', priority: '20', eft: 'deny', layer: 'user', kind: 'deny' },
  'user:allow': { policy: 'p', priority: '21', eft: 'allow', layer: 'user', kind: 'allow' },
  'user:replaced': { policy: 'p', priority: '22', eft: 'deny', layer: 'user', kind: 'replaced' },
  'site:deny': { policy: 'p', priority: '30', eft: 'deny', layer: 'site', kind: 'deny' },
  'site:allow': { policy: 'p', priority: '31', eft: 'allow', layer: 'site', kind: 'allow' },
  'site:replaced': { policy: 'p', priority: '32', eft: 'deny', layer: 'site', kind: 'replaced' },
  'limit:allow': { policy: 'p2', priority: '', eft: 'allow', layer: 'limit', kind: 'allow' },
  'limit:deny': { policy: 'p2', priority: '', eft: 'deny', layer: 'limit', kind: 'deny' },
} as const satisfies Record<string, BucketSpec>;

export type BucketName = keyof typeof BUCKETS;

const NAMES = Object.keys(BUCKETS) as BucketName[];

/** A layer's buckets: negating, granting, replacing. */
export const LAYER_BUCKETS = {
  workflow: { deny: 'workflow:deny', allow: 'workflow:allow', replaced: 'workflow:replaced' },
  user: { deny: 'user:deny', allow: 'user:allow', replaced: 'user:replaced' },
  site: { deny: 'site:deny', allow: 'site:allow', replaced: 'site:replaced' },
} as const satisfies Record<Layer, Record<'deny' | 'allow' | 'replaced', BucketName>>;

/** Whether a policy line's bucket (Casbin hands it back as a string) is one of ours. */
export function isBucketName(name: string | undefined): name is BucketName {
  return name !== undefined && Object.hasOwn(BUCKETS, name);
}

/** Which buckets are non-empty, one bit per bucket in the order of BUCKETS. */
export type BucketSet = number;

export function bucketFlag(name: BucketName): BucketSet {
  return 1 << NAMES.indexOf(name);
}

const shared = new Map<BucketSet, PolicyLines>();

/**
 * The lines of a policy set with these buckets: `p = priority, bucket, eft`
 * in priority order, `p2 = bucket, eft`.
 */
export function policyLines(buckets: BucketSet): PolicyLines {
  let lines = shared.get(buckets);
  if (lines === undefined) {
    const present = NAMES.filter((_, position) => (buckets & (1 << position)) !== 0);
    lines = {
      layers: present.filter((name) => BUCKETS[name].policy === 'p').map((name) => [BUCKETS[name].priority, name, BUCKETS[name].eft]),
      limits: present.filter((name) => BUCKETS[name].policy === 'p2').map((name) => [name, BUCKETS[name].eft]),
    };
    shared.set(buckets, lines);
  }
  return lines;
}
