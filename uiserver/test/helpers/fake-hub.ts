import express from 'express';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Someone the fake hub can sign in: what its /user endpoint will report. */
export interface FakeUser {
  readonly name: string;
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
}

export interface ActivityPost {
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export const ALICE: FakeUser = {
  name: 'alice',
  groups: ['owners'],
  scopes: ['access:servers!server=alice/', 'read:users:name!user=alice'],
};

/**
 * Just enough of JupyterHub's API for a single-user server: OAuth authorize
 * (signs in whoever `loginAs` names, as if the hub cookie said so), token,
 * /user, activity and version. Checks what the real hub checks.
 */
export class FakeHub {
  readonly apiToken = `hub-api-token-${randomBytes(16).toString('hex')}`;
  readonly clientId = 'jupyterhub-user-alice';
  readonly callback = '/user/alice/oauth_callback';
  version = '4.1.5';
  loginAs: FakeUser = ALICE;
  readonly activity: ActivityPost[] = [];
  readonly tokenRequests: Record<string, string>[] = [];
  readonly issuedTokens: string[] = [];
  private readonly codes = new Map<string, FakeUser>();
  private readonly tokens = new Map<string, FakeUser>();
  private server: Server | undefined;
  origin = '';

  get apiUrl(): string {
    return `${this.origin}/hub/api`;
  }

  /** Make every token issued so far invalid, as an expiry or a revocation would. */
  revokeAll(): void {
    this.tokens.clear();
  }

  async start(): Promise<this> {
    const app = express();
    app.get('/hub/api/', (_req, res) => void res.json({ version: this.version }));
    app.get('/hub/api/oauth2/authorize', (req, res) => {
      const { client_id, redirect_uri, response_type, state } = req.query;
      if (client_id !== this.clientId || redirect_uri !== this.callback || response_type !== 'code' || typeof state !== 'string') {
        res.status(400).json({ error: 'invalid_request' });
        return;
      }
      const code = randomBytes(12).toString('hex');
      this.codes.set(code, this.loginAs);
      res.redirect(302, `${redirect_uri}?${new URLSearchParams({ code, state }).toString()}`);
    });
    app.post('/hub/api/oauth2/token', express.urlencoded({ extended: false }), (req, res) => {
      const form = req.body as Record<string, string>;
      this.tokenRequests.push(form);
      const user = this.codes.get(form['code'] ?? '');
      this.codes.delete(form['code'] ?? '');
      if (
        !user ||
        form['client_id'] !== this.clientId ||
        form['client_secret'] !== this.apiToken ||
        form['grant_type'] !== 'authorization_code' ||
        form['redirect_uri'] !== this.callback
      ) {
        res.status(400).json({ error: 'invalid_grant' });
        return;
      }
      const token = randomBytes(16).toString('hex');
      this.tokens.set(token, user);
      this.issuedTokens.push(token);
      res.json({ access_token: token, token_type: 'Bearer' });
    });
    app.get('/hub/api/user', (req, res) => {
      const user = this.tokens.get((req.headers.authorization ?? '').replace(/^token /, ''));
      if (!user) {
        res.status(403).json({ status: 403, message: 'Forbidden' });
        return;
      }
      res.json({ kind: 'user', name: user.name, groups: user.groups, scopes: user.scopes, session_id: 'sid' });
    });
    app.post('/hub/api/users/alice/activity', express.json(), (req, res) => {
      this.activity.push({ authorization: req.headers.authorization, body: req.body as unknown });
      res.status(req.headers.authorization === `token ${this.apiToken}` ? 204 : 403).end();
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
