/** JSON requests to hub-service over node:http (not the global fetch: see hub-client's nodeHttpFetch). */
import type { HubFetch } from '@isobar/hub-client';

/** hub-service is on the hub's host; an answer slower than this counts as it being down. */
export const HUB_SERVICE_TIMEOUT_MS = 5_000;

export class HubServiceError extends Error {
  override readonly name = 'HubServiceError';
}

export interface JsonRequest {
  readonly method?: 'GET' | 'POST';
  /** The UI server's own API token, for routes that ask who is calling. */
  readonly token?: string;
  readonly body?: unknown;
  readonly timeoutMs?: number;
}

export async function requestJson(fetch: HubFetch, url: string, request: JsonRequest = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.token !== undefined) headers['Authorization'] = `token ${request.token}`;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs ?? HUB_SERVICE_TIMEOUT_MS),
    });
  } catch (err) {
    throw new HubServiceError(`${new URL(url).pathname}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new HubServiceError(`${new URL(url).pathname} answered ${response.status}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HubServiceError(`${new URL(url).pathname} answered with something other than JSON`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
