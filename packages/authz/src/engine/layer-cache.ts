/**
 * Layer files read once and kept until they change: many workflows share an
 * owner's file, and every owner shares the site's.
 */
import { loadGrantsLayer, loadSiteLayer, snapshotOf, type FileSnapshot } from '../config/load-layers';
import type { GrantsLayer, SiteLayer } from '../config/types';

interface Cached<T> {
  readonly identity: string;
  readonly layer: T;
}

export class LayerCache {
  private readonly sites = new Map<string, Cached<SiteLayer>>();
  private readonly grants = new Map<string, Cached<GrantsLayer | undefined>>();

  site(snapshot: FileSnapshot): SiteLayer {
    const cached = this.sites.get(snapshot.path);
    if (cached?.identity === snapshot.identity) return cached.layer;
    const layer = loadSiteLayer(snapshot.path);
    this.sites.set(snapshot.path, { identity: snapshot.identity, layer });
    return layer;
  }

  /** The key includes the expected owner: the same file vouched for by another uid is another answer. */
  grantsLayer(snapshot: FileSnapshot, layer: GrantsLayer['layer'], ownerUid: number | undefined): GrantsLayer | undefined {
    const key = `${snapshot.path}\0${layer}\0${ownerUid ?? ''}`;
    const cached = this.grants.get(key);
    if (cached?.identity === snapshot.identity) return cached.layer;
    const loaded = loadGrantsLayer(snapshot.path, layer, ownerUid);
    this.grants.set(key, { identity: snapshotOf(snapshot.path).identity, layer: loaded });
    return loaded;
  }

  clear(): void {
    this.sites.clear();
    this.grants.clear();
  }
}
