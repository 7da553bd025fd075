import type { JsonObject } from './model/types';

export interface HttpAnswer {
  readonly status: number;
  /** Parsed JSON, or the text when the body is not JSON (a proxy's error page). */
  readonly body: unknown;
}

async function read(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}

/**
 * POST a GraphQL document; network failures become status 0 with the reason
 * as body. `headers` carries the grant (`X-Isobar-Grant`) for mutations.
 */
export async function postGraphql(
  path: string,
  query: string,
  variables: JsonObject,
  headers: Readonly<Record<string, string>> = {},
): Promise<HttpAnswer> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return await read(response);
  } catch (error) {
    return { status: 0, body: `Could not reach the server: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function getJson(url: string, headers: Readonly<Record<string, string>> = {}): Promise<HttpAnswer> {
  try {
    return await read(
      await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { ...headers, Accept: 'application/json' } }),
    );
  } catch (error) {
    return { status: 0, body: `Could not reach the server: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** POST a JSON body (a JSON request needs no CSRF token at the hub-service: other sites cannot send one). */
export async function postJson(url: string, body: JsonObject): Promise<HttpAnswer> {
  try {
    return await read(
      await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  } catch (error) {
    return { status: 0, body: `Could not reach the server: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The server's error JSON is `{status, code, message}`; anything else is summarised. */
export function errorText(answer: HttpAnswer): string {
  const body = answer.body;
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  if (typeof body === 'string' && body) return answer.status === 0 ? body : `${answer.status}: ${body.slice(0, 200)}`;
  return `The server answered ${answer.status}.`;
}
