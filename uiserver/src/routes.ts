import type { RequestHandler } from 'express';
import type { UiServerConfig } from './config';
import type { CylcStatus } from './cylc-side';
import { renderPage } from './page';
import { allowOnlyGet } from './get-routes';
import { newNonce, sendHtml } from './respond';

/** `GET <prefix>api/status`: enough for an operator or a test to see how the server is doing. */
export interface StatusModel {
  readonly owner: string;
  readonly pid: number;
  readonly uid: number | null;
  readonly uptimeSeconds: number;
  readonly openPages: number;
  readonly idleTimeoutSeconds: number;
  readonly lastActivity: string;
  /** Workflows watched, live-update sockets and log follows. */
  readonly cylc: CylcStatus;
}

export interface RouteDeps {
  readonly config: UiServerConfig;
  readonly status: () => StatusModel;
  /** Whether the web UI bundle can be loaded by the page. */
  readonly hasApp: boolean;
  /** Whether a visitor may act at all: the page shows controls only then (each action is checked again). */
  readonly mayActAtAll: (visitor: string) => boolean;
}

/** `?kiosk=1` (or `true`, or a bare `?kiosk`) asks for the big-screen page. */
function wantsKiosk(query: unknown): boolean {
  if (typeof query !== 'object' || query === null) return false;
  const value = (query as Record<string, unknown>)['kiosk'];
  return value === '' || value === '1' || value === 'true';
}

/** A Host header is echoed into the page's CSP only if it looks like one. */
const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The authenticated routes, by path below the prefix. Unknown paths fall through to 404. */
export function routes(deps: RouteDeps): RequestHandler {
  const { config } = deps;
  const table = new Map<string, RequestHandler>([
    [
      '',
      (req, res) => {
        const session = res.locals.session;
        if (!session) throw new Error('route reached without a session');
        const nonce = newNonce();
        const host = req.headers.host;
        const html = renderPage({
          visitor: session.visitor,
          owner: config.owner,
          prefix: config.prefix,
          keepaliveSeconds: config.keepaliveSeconds,
          nonce,
          canAct: deps.mayActAtAll(session.visitor),
          kiosk: wantsKiosk(req.query),
          app: deps.hasApp,
        });
        sendHtml(res, 200, html, nonce, host && HOST_PATTERN.test(host) ? host : undefined);
      },
    ],
    [
      'api/whoami',
      (_req, res) => {
        const session = res.locals.session;
        if (!session) throw new Error('route reached without a session');
        res.json({ visitor: session.visitor, owner: config.owner, groups: session.groups });
      },
    ],
    ['api/status', (_req, res) => void res.json(deps.status())],
  ]);
  return (req, res, next) => {
    const handler = table.get(res.locals.relPath ?? '');
    if (!handler) {
      next();
      return;
    }
    if (!allowOnlyGet(req, res)) return;
    handler(req, res, next);
  };
}
