/**
 * One route of the UI server behind a stand-in for its session middleware
 * (the visitor comes from a header, the path below the prefix is the URL's
 * path), on 127.0.0.1: for testing a route without the hub.
 */
import express, { type RequestHandler } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import '../../src/locals';
import type { Session } from '../../src/sessions';
import { VISITOR_HEADER } from '../graphql/servers';

export interface RouteServer {
  readonly server: Server;
  /** `http://127.0.0.1:<port>`: the prefix is `/`. */
  readonly origin: string;
  close(): Promise<void>;
}

export async function serveRoute(handler: RequestHandler): Promise<RouteServer> {
  const app = express();
  app.use((req, res, next) => {
    res.locals.relPath = req.path.slice(1);
    const visitor = String(req.headers[VISITOR_HEADER]);
    const session: Session = { id: 's', visitor, groups: [], accessToken: 'x', hubSessionId: undefined, checkedAt: 0, lastSeen: 0 };
    res.locals.session = session;
    next();
  });
  app.use(handler);
  app.use((_req, res) => void res.status(404).json({ code: 'NOT_FOUND' }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
