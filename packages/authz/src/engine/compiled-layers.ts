/**
 * Layers compiled to tables (layer-table.ts) once per file read, not once
 * per workflow: an owner's file serves all their workflows, and the site's
 * serves every owner it has no entries of its own for. Keyed by the layer
 * object, so a file read again (it changed) is compiled again and the old
 * result is dropped with it.
 */
import { sitePolicyFor } from '../config/parse-site';
import type { GrantsLayer, SiteLayer } from '../config/types';
import { EVERYONE } from '../subjects';
import { LayerTable } from './layer-table';
import type { SubjectIds } from './subject-ids';

export interface SiteTables {
  readonly defaults: LayerTable;
  readonly limits: LayerTable;
}

interface CompiledSite {
  /** Owners with entries of their own; every other owner gets the `*` owner's policy. */
  readonly owners: ReadonlySet<string>;
  readonly byOwner: Map<string, SiteTables>;
}

export class CompiledLayers {
  private readonly grants = new WeakMap<GrantsLayer, LayerTable>();
  private readonly sites = new WeakMap<SiteLayer, CompiledSite>();

  /** `ids`: the numbers the tables know subjects by, the same for every layer of an authorizer. */
  constructor(private readonly ids: SubjectIds) {}

  grantsLayer(layer: GrantsLayer): LayerTable {
    let compiled = this.grants.get(layer);
    if (compiled === undefined) {
      compiled = new LayerTable(layer.rules, this.ids);
      this.grants.set(layer, compiled);
    }
    return compiled;
  }

  site(site: SiteLayer, owner: string): SiteTables {
    let compiled = this.sites.get(site);
    if (compiled === undefined) {
      compiled = { owners: new Set(site.rules.map((rule) => rule.owner)), byOwner: new Map() };
      this.sites.set(site, compiled);
    }
    const key = compiled.owners.has(owner) ? owner : EVERYONE;
    let tables = compiled.byOwner.get(key);
    if (tables === undefined) {
      const policy = sitePolicyFor(site, key);
      tables = { defaults: new LayerTable(policy.defaults, this.ids), limits: new LayerTable(policy.limits, this.ids) };
      compiled.byOwner.set(key, tables);
    }
    return tables;
  }
}
