/** A recording stand-in for fetch: each call gets the next canned reply. */
export interface RecordedCall {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string;
}

export type Reply = Response | Error;

export function fakeFetch(...replies: Reply[]): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const doFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === 'string' ? init.body : '';
    calls.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers), body });
    const reply = replies.shift();
    if (reply === undefined) throw new Error(`unexpected fetch of ${url}`);
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch: doFetch, calls };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
