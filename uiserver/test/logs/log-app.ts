import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorHandler, notFound } from '../../src/error-handler';
import { Logger } from '../../src/log';
import { createLogHandlers, type LogHandlers, type LogHandlersOptions } from '../../src/logs/handlers';
import { logRoutes } from '../../src/logs/routes';
import { withinPrefix } from '../../src/paths';
import { LineSink } from '../clock';

export const PREFIX = '/user/alice/';

/** The log API in an express app on 127.0.0.1, behind the prefix and a signed-in session, as the real app mounts it. */
export class LogApp {
  readonly log = new LineSink();

  private constructor(
    readonly handlers: LogHandlers,
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(options: LogHandlersOptions): Promise<LogApp> {
    const handlers = createLogHandlers(options);
    const app = express();
    app.use(withinPrefix(PREFIX));
    app.use((_req, res, next) => {
      const now = Date.now();
      res.locals.session = {
        id: 'session',
        visitor: 'alice',
        groups: [],
        accessToken: 'token',
        hubSessionId: undefined,
        checkedAt: now,
        lastSeen: now,
      };
      next();
    });
    app.use(logRoutes(handlers));
    app.use(notFound);
    const sink = new LineSink();
    app.use(errorHandler(new Logger(sink)));
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    return new LogApp(handlers, server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** A URL of the API; `query` values are encoded, so pass them as the client means them. */
  url(path: string, query: Readonly<Record<string, string>> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.origin}${PREFIX}${path}${search ? `?${search}` : ''}`;
  }

  async stop(): Promise<void> {
    await this.handlers.closeAll();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
