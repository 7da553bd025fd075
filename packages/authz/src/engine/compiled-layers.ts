/**
 * Layers compiled to buckets once per file read, not once per workflow: an
 * owner's file serves all their workflows, and the site's serves every owner
 * it has no entries of its own for. Keyed by the layer object, so a file
 * read again (it changed) is compiled again and the old result is dropped
 * with it.
 */
import { sitePolicyFor } from '../config/parse-site';
import type { GrantsLayer, SiteLayer } from '../config/types';
import { EVERYONE } from '../subjects';
import { LayerBuckets } from './layer-buckets';

export interface SiteBuckets {
  readonly defaults: LayerBuckets;
  readonly limits: LayerBuckets;
}

interface CompiledSite {
  /** Owners with entries of their own; every other owner gets the `*` owner's policy. */
  readonly owners: ReadonlySet<string>;
  readonly byOwner: Map<string, SiteBuckets>;
}

export class CompiledLayers {
  private readonly grants = new WeakMap<GrantsLayer, LayerBuckets>();
  private readonly sites = new WeakMap<SiteLayer, CompiledSite>();

  grantsLayer(layer: GrantsLayer): LayerBuckets {
    let compiled = this.grants.get(layer);
    if (compiled === undefined) {
      compiled = new LayerBuckets(layer.rules);
      this.grants.set(layer, compiled);
    }
    return compiled;
  }

  site(site: SiteLayer, owner: string): SiteBuckets {
    let compiled = this.sites.get(site);
    if (compiled === undefined) {
      compiled = { owners: new Set(site.rules.map((rule) => rule.owner)), byOwner: new Map() };
      this.sites.set(site, compiled);
    }
    const key = compiled.owners.has(owner) ? owner : EVERYONE;
    let buckets = compiled.byOwner.get(key);
    if (buckets === undefined) {
      const policy = sitePolicyFor(site, key);
      buckets = { defaults: new LayerBuckets(policy.defaults), limits: new LayerBuckets(policy.limits) };
      compiled.byOwner.set(key, buckets);
    }
    return buckets;
  }
}
