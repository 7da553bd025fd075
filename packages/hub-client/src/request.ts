import { HubHttpError, HubInvalidReplyError, HubUnreachableError } from './errors';
import { DEFAULT_TIMEOUT_MS, type HubSettings } from './settings';
import type { HubFetch, HubRequest, HubResponse } from './transport';

/**
 * One HTTP exchange with the hub: timeout, and network failures turned into
 * HubUnreachableError. Status handling is left to the caller, which knows
 * what a 403 means for its endpoint.
 */
export async function hubFetch(
  settings: HubSettings,
  url: string,
  init: Pick<HubRequest, 'method' | 'headers' | 'body'>,
): Promise<HubResponse> {
  const doFetch: HubFetch = settings.fetch ?? fetch;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    return await doFetch(url, {
      ...init,
      // The hub never redirects its API; following one could send a token elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    // The URL is safe to show; tokens travel only in headers and bodies.
    const why = err instanceof Error ? err.message : String(err);
    throw new HubUnreachableError(`cannot reach the hub at ${url}: ${why}`);
  }
}

/** Parse a JSON body, reporting a non-JSON body as an invalid reply. */
export async function readJson(response: HubResponse, what: string): Promise<unknown> {
  const text = await readText(response);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HubInvalidReplyError(`${what}: the hub's reply is not JSON`);
  }
}

/** An error for an unexpected status, with a short excerpt of the body (hub errors carry no secrets). */
export async function unexpectedStatus(response: HubResponse, what: string): Promise<HubHttpError> {
  const text = await readText(response).catch(() => '');
  const excerpt = text.slice(0, 200).replace(/\s+/g, ' ');
  return new HubHttpError(response.status, `${what}: the hub answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`);
}

async function readText(response: HubResponse): Promise<string> {
  try {
    return await response.text();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new HubUnreachableError(`the hub's reply was cut short: ${why}`);
  }
}

/** Read and drop a body nobody needs, so the connection can be reused. */
export async function discard(response: HubResponse): Promise<void> {
  await response.text().catch(() => undefined);
}
