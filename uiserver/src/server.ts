import {
  exchangeOAuthCode,
  getTokenOwner,
  hasAccessScope,
  nodeHttpFetch,
  reportActivity,
  type HubFetch,
  type HubSettings,
  type HubUser,
} from '@isobar/hub-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityReporter } from './activity';
import { createApp } from './app';
import { CylcSide } from './cylc-side';
import type { UiServerConfig } from './config';
import { resolveHubVersion } from './hub-version';
import { IdleTracker } from './idle';
import type { Logger } from './log';
import { PageSockets } from './page-sockets';
import type { StatusModel } from './routes';
import { SessionStore } from './sessions';
import { SessionVerifier } from './verifier';
import { StaticAssets, findPublicDir } from './static-assets';

export interface UiServerOptions {
  /** How to reach the hub (tests inject their own); nodeHttpFetch by default. */
  readonly fetch?: HubFetch;
}

/** Time for pages and requests to finish when shutting down, before connections are cut. */
const SHUTDOWN_GRACE_MS = 500;
/** The first activity report follows start closely, so the hub sees the server in use at once. */
const FIRST_ACTIVITY_REPORT_MS = 1_000;

/**
 * One running UI server: HTTP app, page websockets, idle shutdown and
 * activity reports, wired together. `stopped` settles once it has shut down,
 * for whatever reason (idle, signal).
 */
export class UiServer {
  readonly stopped: Promise<string>;
  private resolveStopped!: (reason: string) => void;
  private stopping: Promise<void> | undefined;
  private readonly idleTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly config: UiServerConfig,
    private readonly log: Logger,
    private readonly http: Server,
    private readonly sockets: PageSockets,
    private readonly tracker: IdleTracker,
    private readonly reporter: ActivityReporter | undefined,
    private readonly cylc: CylcSide,
  ) {
    this.stopped = new Promise((resolve) => (this.resolveStopped = resolve));
    const timeoutMs = config.idleTimeoutSeconds * 1000;
    if (timeoutMs > 0) {
      // Check often enough that short test timeouts are honoured promptly.
      const everyMs = Math.min(1_000, Math.max(100, timeoutMs / 4));
      this.idleTimer = setInterval(() => {
        if (!this.tracker.isIdle()) return;
        this.log.info('no page open and no activity; shutting down', { idleTimeoutSeconds: config.idleTimeoutSeconds });
        void this.stop('idle');
      }, everyMs);
    }
    reporter?.start();
  }

  /** Listen on `bindIp`, port chosen by the kernel; resolves once ready to serve. */
  static async start(config: UiServerConfig, bindIp: string, log: Logger, options: UiServerOptions = {}): Promise<UiServer> {
    // Not the global fetch: its undici costs every UI server about 10 MB.
    const hub: HubSettings = { apiUrl: config.apiUrl, token: config.apiToken, fetch: options.fetch ?? nodeHttpFetch };
    const startedAt = Date.now();
    const sessions = new SessionStore();
    const identify = (accessToken: string): Promise<HubUser> => getTokenOwner(hub, accessToken);
    const allowed = (user: HubUser): boolean => hasAccessScope(user.scopes, config.accessScopes, config.owner, config.serverName);
    const verifier = new SessionVerifier(sessions, identify, allowed, log);
    const tracker = new IdleTracker(config.idleTimeoutSeconds * 1000);
    const activityUrl = config.activityUrl;
    const reporter = activityUrl
      ? new ActivityReporter((at) => reportActivity(hub, activityUrl, at, config.serverName), log, {
          intervalMs: config.activityIntervalSeconds * 1000,
          firstDelayMs: FIRST_ACTIVITY_REPORT_MS,
          now: Date.now,
        })
      : undefined;
    if (!reporter) log.warn('no JUPYTERHUB_ACTIVITY_URL: the hub will not hear about activity');
    const onActivity = (): void => {
      tracker.touch();
      reporter?.note();
    };
    let hubVersion: string | undefined;
    const version = (): string | undefined => hubVersion;
    const cylc = new CylcSide({ config, log, tracker, onActivity, fetch: options.fetch ?? nodeHttpFetch });
    const sockets = new PageSockets({
      config,
      verifier,
      tracker,
      onActivity,
      hubVersion: version,
      log,
      graphqlUpgrade: (req, socket, head, visitor) => cylc.upgrade(req, socket, head, visitor),
    });
    const status = (): StatusModel => ({
      owner: config.owner,
      pid: process.pid,
      uid: process.getuid ? process.getuid() : null,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      openPages: sockets.openCount,
      idleTimeoutSeconds: config.idleTimeoutSeconds,
      lastActivity: new Date(tracker.lastActivity).toISOString(),
      cylc: cylc.status(),
    });
    const assets = new StaticAssets(findPublicDir());
    if (!assets.hasApp) log.warn('web UI not built (no dist/public/app.js): the page shows the connection only');
    const app = createApp({
      config,
      log,
      hasApp: assets.hasApp,
      mayActAtAll: (visitor) => cylc.mayActAtAll(visitor),
      handlers: [assets.handler(), ...cylc.handlers()],
      sessions,
      verifier,
      identify,
      allowed,
      onActivity,
      status,
      hubVersion: version,
      exchangeCode: (code) =>
        exchangeOAuthCode(hub, {
          clientId: config.clientId,
          clientSecret: config.apiToken,
          code,
          redirectUri: config.oauthCallbackUrl,
        }),
    });
    const http = createServer(app);
    // Slow clients cannot hold connections open indefinitely.
    http.headersTimeout = 20_000;
    http.requestTimeout = 60_000;
    http.on('upgrade', (req, socket, head: Buffer) => sockets.handleUpgrade(req, socket, head));
    // Learned in parallel with binding, and before the hub's first readiness check is answered.
    cylc.start(startedAt);
    [hubVersion] = await Promise.all([resolveHubVersion(config, hub, log), listen(http, bindIp)]);
    return new UiServer(config, log, http, sockets, tracker, reporter, cylc);
  }

  get address(): { ip: string; port: number } {
    const address = this.http.address() as AddressInfo;
    return { ip: address.address, port: address.port };
  }

  /** Close pages (1001), stop listening, finish within about a second. Idempotent. */
  stop(reason: string): Promise<void> {
    this.stopping ??= this.shutdown(reason);
    return this.stopping;
  }

  private async shutdown(reason: string): Promise<void> {
    this.log.info('shutting down', { reason, openPages: this.sockets.openCount });
    clearInterval(this.idleTimer);
    this.reporter?.stop();
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeIdleConnections();
    // Scheduler connections get a bounded time to close: a wedged one must not keep an exiting server alive.
    const cylcStopped = Promise.race([this.cylc.stop(SHUTDOWN_GRACE_MS), delay(SHUTDOWN_GRACE_MS * 2)]);
    await Promise.all([this.sockets.closeAll(1001, 'server shutting down', SHUTDOWN_GRACE_MS), cylcStopped]);
    const cut = setTimeout(() => this.http.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await closed;
    clearTimeout(cut);
    this.resolveStopped(reason);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function listen(server: Server, ip: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: ip, port: 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
