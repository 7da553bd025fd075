import { AuditStore } from '@isobar/authz';
import { createLogger, type RoleProvider } from '@isobar/core';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuditRecord } from '../../src/audit';
import { DEFAULT_TRUSTED_PROXIES, type ServiceConfig } from '../../src/config';
import { AuthzGrantSigner } from '../../src/authz-signer';
import { DEFAULT_ELEVATION_SETTINGS, type ElevationSettings } from '../../src/elevation-settings';
import { httpHubSide } from '../../src/hub-side-http';
import { createHubService, type HubService } from '../../src/service';
import { Browser } from './browser';
import { FakeHub, SERVICE_CALLBACK, SERVICE_CLIENT_ID } from './fake-hub';

export const JACINTAR = { name: 'jacintar', password: 'correct horse' };
export const ROOTA = { name: 'roota', password: 'admin pass', admin: true };
export const ELEVATE_EXECUTE = '/services/isobar/elevate?level=execute&next=%2Fuser%2Falice%2F';

/**
 * The service and a fake hub behind one origin, as the proxy puts them:
 * `/hub/...` to the hub, `/services/isobar/...` to the service.
 */
export class Site {
  readonly hub = new FakeHub().add(JACINTAR).add(ROOTA);
  readonly audit: AuditRecord[] = [];
  signer!: AuthzGrantSigner;
  readonly auditStore = new AuditStore(':memory:');
  service!: HubService;
  origin = '';
  private server: Server | undefined;

  constructor(
    private readonly elevation: Partial<ElevationSettings> = {},
    private readonly roleProviders: readonly RoleProvider[] = [],
  ) {}

  async start(): Promise<this> {
    const root = express();
    root.use(this.hub.routes());
    const server = root.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config: ServiceConfig = {
      prefix: '/services/isobar/',
      clientId: SERVICE_CLIENT_ID,
      oauthCallbackUrl: SERVICE_CALLBACK,
      callbackPath: SERVICE_CALLBACK,
      authorizeUrl: '/hub/api/oauth2/authorize',
      userPrefix: '/user/',
      accessScopes: ['access:services!service=isobar', 'access:services'],
      allowedOrigins: [this.origin],
      trustedProxies: DEFAULT_TRUSTED_PROXIES,
      elevation: { ...DEFAULT_ELEVATION_SETTINGS, ...this.elevation },
    };
    const settings = { apiUrl: `${this.origin}/hub/api`, token: this.hub.serviceToken };
    this.signer = new AuthzGrantSigner({ grantLifetime: config.elevation.grantLifetime });
    this.service = createHubService({
      config,
      hub: httpHubSide(settings, SERVICE_CLIENT_ID, SERVICE_CALLBACK),
      signer: this.signer,
      keys: this.signer,
      onAudit: (record) => this.audit.push(record),
      auditStore: this.auditStore,
      roleProviders: this.roleProviders,
      log: createLogger('hub-service-test', { level: 'silent' }),
    });
    root.use(this.service.app);
    return this;
  }

  async stop(): Promise<void> {
    this.service.close();
    this.auditStore.close();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A browser signed in to the service as `name`, with the elevation form for execute open. */
  async signedIn(name: string): Promise<{ browser: Browser; html: string }> {
    this.hub.loginAs = name;
    const browser = new Browser(this.origin);
    const { response, html } = await browser.follow(ELEVATE_EXECUTE);
    if (response.status !== 200) throw new Error(`sign-in ended with ${response.status}: ${html}`);
    return { browser, html };
  }

  auditOf(operation: AuditRecord['operation']): AuditRecord[] {
    return this.audit.filter((r) => r.operation === operation);
  }
}
