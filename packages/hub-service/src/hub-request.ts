import {
  DEFAULT_TIMEOUT_MS,
  HubHttpError,
  HubInvalidReplyError,
  HubUnreachableError,
  type HubResponse,
  type HubSettings,
} from '@isobar/hub-client';

/** `{api}/path` whatever the trailing slashes; `path` has no leading slash. */
export function apiEndpoint(settings: HubSettings, path: string): string {
  return `${settings.apiUrl.replace(/\/+$/, '')}/${path}`;
}

/**
 * One exchange with the hub's API: timeout, no redirects, network failures
 * as HubUnreachableError. Status handling is the caller's.
 */
export async function hubRequest(
  settings: HubSettings,
  url: string,
  method: string,
  headers: Readonly<Record<string, string>>,
  body?: string,
): Promise<HubResponse> {
  const doFetch = settings.fetch ?? fetch;
  try {
    return await doFetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      // The hub never redirects its API; following one could send a password elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new HubUnreachableError(`cannot reach the hub at ${url}: ${why}`);
  }
}

export async function readJson(response: HubResponse, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw new HubUnreachableError(`${what}: the reply was cut short: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HubInvalidReplyError(`${what}: the hub's reply is not JSON`);
  }
}

/** Read and drop a body nobody needs. */
export async function discard(response: HubResponse): Promise<void> {
  await response.text().catch(() => undefined);
}

/** An unexpected status, with a short excerpt of the body (the hub's error bodies carry no secrets). */
export async function unexpectedStatus(response: HubResponse, what: string): Promise<HubHttpError> {
  const text = await response.text().catch(() => '');
  const excerpt = text.slice(0, 200).replace(/\s+/g, ' ');
  return new HubHttpError(response.status, `${what}: the hub answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`);
}
