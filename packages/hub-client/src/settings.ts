import type { HubFetch } from './transport';

/**
 * How to reach the hub. One read-only object is passed to every call so that
 * Node, tests and (later) other runtimes differ only in what they inject.
 */
export interface HubSettings {
  /** JUPYTERHUB_API_URL, e.g. `http://127.0.0.1:8081/hub/api` (trailing slash optional). */
  readonly apiUrl: string;
  /** The caller's own hub token (a server's JUPYTERHUB_API_TOKEN). */
  readonly token: string;
  /** Replaces the global fetch: nodeHttpFetch in servers, a fake in tests. */
  readonly fetch?: HubFetch;
  /** Per-request limit; the hub answers in milliseconds when healthy. */
  readonly timeoutMs?: number;
}

/** Long enough for a busy hub, short enough that a page load does not hang on a dead one. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** `{api}/path` whatever the trailing slashes; `path` has no leading slash. */
export function apiEndpoint(settings: HubSettings, path: string): string {
  return `${settings.apiUrl.replace(/\/+$/, '')}/${path}`;
}
