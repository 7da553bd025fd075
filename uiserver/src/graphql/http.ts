/**
 * `POST <prefix>graphql`: a GraphQL request in a JSON body (read by the
 * app's bodyLimit middleware into `res.locals.body`), answered in GraphQL's
 * own shape `{data, errors}`, never the server's `{status, code, message}`.
 */
import type { RequestHandler, Response } from 'express';
import { BODY_LIMIT_BYTES } from '../body-limit';
import '../locals';
import { foreignOrigin } from '../same-origin';
import { parseGraphQLRequest } from './request-body';
import type { GraphQLResponseBody, GraphQLService } from './service';

export interface GraphQLHttpOptions {
  readonly service: GraphQLService;
  /** The path below the prefix (`res.locals.relPath`) answered here. */
  readonly relPath?: string;
  readonly maxBodyBytes?: number;
}

export const GRAPHQL_PATH = 'graphql';

/** The header a page sends its current grant in. */
export const GRANT_HEADER = 'x-isobar-grant';

/** The grant a request came with: one header value, or none. */
export function grantOf(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const grant = value.trim();
  return grant === '' ? undefined : grant;
}

function send(res: Response, status: number, body: GraphQLResponseBody): void {
  res.status(status).setHeader('Cache-Control', 'no-store');
  // Serialised here, not by res.json: one stringify, no app-level replacer or spacing.
  res.type('application/json').send(JSON.stringify(body));
}

function sendError(res: Response, status: number, message: string): void {
  send(res, status, { errors: [{ message }] });
}

/** Mount after authentication: it answers only its own path, and needs the session's visitor. */
export function graphqlHttpHandler(options: GraphQLHttpOptions): RequestHandler {
  const path = options.relPath ?? GRAPHQL_PATH;
  const maxBytes = options.maxBodyBytes ?? BODY_LIMIT_BYTES;
  return (req, res, next) => {
    const startedAt = res.locals.receivedAt ?? performance.now();
    if (res.locals.relPath !== path) {
      next();
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, 405, `${req.method} is not allowed here; POST a JSON body.`);
      return;
    }
    const visitor = res.locals.session?.visitor;
    if (visitor === undefined) {
      sendError(res, 401, 'Sign in through the hub first.');
      return;
    }
    const body = res.locals.body;
    if (body !== undefined && body.length > maxBytes) {
      sendError(res, 413, `Request bodies are limited to ${maxBytes} bytes.`);
      return;
    }
    if (body === undefined || body.length === 0) {
      sendError(res, 400, 'Must provide a body: {"query": "…"} as application/json.');
      return;
    }
    if (!req.is('application/json')) {
      sendError(res, 415, 'Send the request as application/json.');
      return;
    }
    const parsed = parseGraphQLRequest(body.toString('utf8'));
    if (!parsed.ok) {
      sendError(res, 400, parsed.message);
      return;
    }
    // Another site's page cannot act with this site's cookies; its attempt is refused and, for an action, recorded.
    const origin = foreignOrigin(req);
    const refusal = origin === undefined ? undefined : `a request from another site (${origin.slice(0, 200)})`;
    options.service.run(parsed.request, visitor, grantOf(req.headers[GRANT_HEADER]), refusal).then(
      (answer) => {
        // Lets anyone see what the scheduler cost and what this server added (browsers show it too).
        const total = performance.now() - startedAt;
        const scheduler = answer.schedulerMs ?? 0;
        res.setHeader('Server-Timing', `scheduler;dur=${scheduler.toFixed(2)}, total;dur=${total.toFixed(2)}`);
        send(res, answer.status, answer.body);
      },
      (err: unknown) => next(err),
    );
  };
}
