/** The GraphQL side mounted as the app mounts it, on 127.0.0.1 and a kernel-chosen port. */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyLimit } from '../../src/body-limit';
import { ownerOnlyAuthorizer } from '../../src/graphql/authorizer';
import { graphqlHttpHandler } from '../../src/graphql/http';
import { LiveUpdates, type LiveUpdatesOptions } from '../../src/graphql/live';
import { GraphQLService, type GraphQLServiceOptions } from '../../src/graphql/service';
import type { Session } from '../../src/sessions';
import { FakeSource } from './fake-source';

export const OWNER = 'alice';
export const VISITOR_HEADER = 'x-test-visitor';

export interface TestServer {
  readonly source: FakeSource;
  readonly service: GraphQLService;
  readonly live: LiveUpdates;
  readonly url: string;
  readonly wsUrl: string;
  /** POSTs a body to `graphql` as `visitor`. */
  post(body: unknown, visitor?: string, contentType?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

function session(visitor: string): Session {
  return { id: 'test-session', visitor, groups: [], accessToken: 'unused', hubSessionId: undefined, checkedAt: 0, lastSeen: 0 };
}

function visitorOf(header: string | string[] | undefined, fallback: string): string {
  return typeof header === 'string' ? header : fallback;
}

export interface TestServerOptions {
  readonly service?: Partial<GraphQLServiceOptions>;
  readonly live?: Partial<LiveUpdatesOptions>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const source = new FakeSource();
  const service = new GraphQLService({ source, authorizer: ownerOnlyAuthorizer(OWNER), ...options.service });
  const live = new LiveUpdates({ service, ...options.live });
  const app = express();
  app.disable('etag');
  app.use(bodyLimit());
  // Stands in for withinPrefix and authenticate: the path below the prefix, and a session.
  app.use((req, res, next) => {
    res.locals.relPath = req.path.slice(1);
    res.locals.session = session(visitorOf(req.headers[VISITOR_HEADER], OWNER));
    next();
  });
  app.use(graphqlHttpHandler({ service }));
  const http: Server = createServer(app);
  http.on('upgrade', (req, socket, head: Buffer) => live.handleUpgrade(req, socket, head, visitorOf(req.headers[VISITOR_HEADER], OWNER)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    source,
    service,
    live,
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    post: async (body, visitor = OWNER, contentType = 'application/json') => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': contentType, [VISITOR_HEADER]: visitor },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    close: async () => {
      await live.closeAll(1001, 'test over', 200);
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
