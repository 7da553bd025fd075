/**
 * The little of fetch that talking to the hub needs. The global fetch fits
 * it, and so does nodeHttpFetch, which a long-running server prefers: Node
 * 20's fetch loads undici on first use, about 10 MB of resident memory per
 * process, and a site runs one UI server per owner.
 */
export interface HubRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly redirect: 'manual';
  readonly signal: AbortSignal;
}

export interface HubResponse {
  readonly status: number;
  readonly ok: boolean;
  text(): Promise<string>;
}

export type HubFetch = (url: string, init: HubRequest) => Promise<HubResponse>;
