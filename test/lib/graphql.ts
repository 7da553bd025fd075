/**
 * A person's GraphQL access to a UI server through the hub's proxy: POST
 * `<prefix>graphql` and the live `graphql-transport-ws` socket, both with
 * the session's cookies (as the browser sends them).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { PUBLIC_URL } from './bed';
import type { HubSession } from './http-session';

export interface GraphQLReply {
  readonly status: number;
  readonly body: { data?: Record<string, unknown>; errors?: { message: string }[] } & Record<string, unknown>;
}

export function graphqlPath(owner: string): string {
  return `/user/${owner}/graphql`;
}

/** POSTs a document to `owner`'s UI server as the person signed in on `session`. */
export async function postGraphQL(
  session: HubSession,
  owner: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLReply> {
  const reply = await session.json(graphqlPath(owner), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return reply as GraphQLReply;
}

/** A `graphql-ws` client to `owner`'s server, authenticated by the session's cookie. */
export function liveClient(session: HubSession, owner: string, options: { retry?: boolean } = {}): Client {
  const path = graphqlPath(owner);
  const cookie = session.jar.headerFor(path) ?? '';
  const url = `${PUBLIC_URL.replace(/^http/, 'ws')}${path}`;
  class CookieWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  }
  return createClient({
    url,
    webSocketImpl: CookieWebSocket,
    lazy: false,
    retryAttempts: options.retry ? 1000 : 0,
    retryWait: async () => new Promise((r) => setTimeout(r, 500)),
    shouldRetry: () => options.retry === true,
  });
}

export interface DeltasMessage {
  readonly id: string;
  readonly reset?: boolean | null;
  readonly shutdown?: boolean | null;
  readonly added?: Record<string, unknown> | null;
  readonly updated?: Record<string, unknown> | null;
  readonly pruned?: Record<string, unknown> | null;
}

/** Subscribes to `deltas` and collects every message; `stop()` ends it. */
export function collectDeltas(client: Client, selection: string, workflows?: string[]) {
  const messages: { at: number; deltas: DeltasMessage }[] = [];
  const errors: unknown[] = [];
  const args = workflows ? `(workflows: ${JSON.stringify(workflows)})` : '';
  const stop = client.subscribe<{ deltas: DeltasMessage }>(
    { query: `subscription { deltas${args} { ${selection} } }` },
    {
      next: (value) => {
        if (value.data?.deltas) messages.push({ at: Date.now(), deltas: value.data.deltas });
        if (value.errors) errors.push(value.errors);
      },
      error: (err) => errors.push(err),
      complete: () => undefined,
    },
  );
  return {
    messages,
    errors,
    stop,
    /** The first message matching `check` that arrived after `since` (ms since the epoch; default: any). */
    async waitFor(check: (m: DeltasMessage) => boolean, timeoutMs = 30_000, since = 0): Promise<{ at: number; deltas: DeltasMessage }> {
      const deadline = Date.now() + timeoutMs;
      let seen = 0;
      for (;;) {
        for (; seen < messages.length; seen++) {
          const m = messages[seen]!;
          if (m.at > since && check(m.deltas)) return m;
        }
        if (Date.now() > deadline)
          throw new Error(`no matching deltas within ${timeoutMs} ms (${messages.length} seen, errors ${JSON.stringify(errors)})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
