/**
 * Checking grants with hub-service's public key, fetched from `grantKeyUrl`
 * on first use and kept; a grant naming a key id not seen yet makes it
 * fetch the key again (hub-service restarted with a new key), at most once
 * every few seconds so forged key ids cannot make it hammer hub-service.
 */
import type { HubFetch } from '@isobar/hub-client';
import { isRecord, requestJson } from './hub-service-http';
import { GrantError, GrantVerifier, type GrantKeyInput, type VerifiedGrant } from './lib';

export interface GrantCheckerOptions {
  /** Undefined: no grant can be checked, so every grant is refused. */
  readonly url: string | undefined;
  readonly fetch: HubFetch;
  /** Shortest time between two fetches of the key (default 5 s). */
  readonly refetchMs?: number;
  readonly clock?: () => number;
}

export class GrantChecker {
  private verifier: GrantVerifier | undefined;
  private fetching: Promise<GrantVerifier> | undefined;
  private fetchedAt = -Infinity;
  private readonly clock: () => number;

  constructor(private readonly options: GrantCheckerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** The grant, verified for `owner`'s server; throws a GrantError (or an Error when the key cannot be had) otherwise. */
  async verify(token: string, owner: string): Promise<VerifiedGrant> {
    const verifier = this.verifier ?? (await this.fetchKey());
    try {
      return await verifier.verify(token, { owner, now: new Date(this.clock()) });
    } catch (err) {
      const refetchMs = this.options.refetchMs ?? 5_000;
      if (!(err instanceof GrantError && err.code === 'unknown-key') || this.clock() - this.fetchedAt < refetchMs) throw err;
      const fresh = await this.fetchKey();
      return fresh.verify(token, { owner, now: new Date(this.clock()) });
    }
  }

  private fetchKey(): Promise<GrantVerifier> {
    this.fetching ??= this.load().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async load(): Promise<GrantVerifier> {
    const url = this.options.url;
    if (url === undefined) throw new Error('no grant key configured (grantKeyUrl)');
    this.fetchedAt = this.clock();
    const body = await requestJson(this.options.fetch, url);
    const keys: GrantKeyInput[] =
      isRecord(body) && Array.isArray(body['keys']) ? (body['keys'] as GrantKeyInput[]) : [body as GrantKeyInput];
    if (keys.length === 0 || !keys.every(isRecord)) throw new Error('api/grant-key answered without a key');
    this.verifier = new GrantVerifier({ publicKeys: keys });
    return this.verifier;
  }
}
