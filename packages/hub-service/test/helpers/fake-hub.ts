import express, { type Router } from 'express';
import { randomBytes } from 'node:crypto';

/** Someone the fake hub knows: what /user reports, and the password its authenticator accepts. */
export interface FakePerson {
  readonly name: string;
  readonly password: string;
  readonly admin?: boolean;
  readonly scopes?: readonly string[];
}

export interface TokenCreation {
  readonly user: string;
  readonly authorization: string | undefined;
  readonly cookie: string | undefined;
  readonly body: Record<string, unknown>;
  readonly status: number;
  readonly id?: string;
}

export interface TokenDeletion {
  readonly user: string;
  readonly id: string;
  readonly authorization: string | undefined;
  readonly status: number;
}

export const SERVICE_CLIENT_ID = 'service-isobar';
export const SERVICE_CALLBACK = '/services/isobar/oauth_callback';
const SERVICE_ACCESS = 'access:services!service=isobar';

/**
 * Just enough of JupyterHub's API for the service: OAuth (signs in whoever
 * `loginAs` names, as if the hub cookie said so), /user, and the token API
 * that re-authenticates with a password. Checks what the real hub checks.
 */
export class FakeHub {
  readonly serviceToken = `service-token-${randomBytes(16).toString('hex')}`;
  readonly people = new Map<string, FakePerson>();
  loginAs: string | undefined;
  readonly creations: TokenCreation[] = [];
  readonly deletions: TokenDeletion[] = [];
  /** Tokens made by password checks and not deleted yet: the hub's view. */
  readonly liveProbeTokens = new Map<string, { user: string; token: string }>();
  /** Let the service's own token delete tokens (the `tokens` scope), or not. */
  serviceMayDeleteTokens = true;
  private nextTokenId = 1;
  private readonly codes = new Map<string, string>();
  private readonly accessTokens = new Map<string, string>();
  /** UI servers' tokens (JUPYTERHUB_API_TOKEN): owned by their owner. */
  private readonly serverTokens = new Map<string, string>();
  /** Calls to GET /hub/api/user, for checking the service's cache. */
  userLookups = 0;

  /** A new token of `owner`'s UI server, as the hub puts in its environment. */
  serverToken(owner: string): string {
    if (!this.people.has(owner)) this.add({ name: owner, password: randomBytes(8).toString('hex') });
    const token = `server-token-${randomBytes(16).toString('hex')}`;
    this.serverTokens.set(token, owner);
    return token;
  }

  add(person: FakePerson): this {
    this.people.set(person.name, person);
    return this;
  }

  routes(): Router {
    const hub = express.Router();
    hub.get('/hub/api/oauth2/authorize', (req, res) => {
      const { client_id, redirect_uri, response_type, state } = req.query;
      if (
        client_id !== SERVICE_CLIENT_ID ||
        redirect_uri !== SERVICE_CALLBACK ||
        response_type !== 'code' ||
        typeof state !== 'string' ||
        !this.loginAs
      ) {
        res.status(400).json({ error: 'invalid_request' });
        return;
      }
      const code = randomBytes(12).toString('hex');
      this.codes.set(code, this.loginAs);
      res.redirect(302, `${redirect_uri}?${new URLSearchParams({ code, state }).toString()}`);
    });
    hub.post('/hub/api/oauth2/token', express.urlencoded({ extended: false }), (req, res) => {
      const form = req.body as Record<string, string>;
      const name = this.codes.get(form['code'] ?? '');
      this.codes.delete(form['code'] ?? '');
      const ok =
        name !== undefined &&
        form['client_id'] === SERVICE_CLIENT_ID &&
        form['client_secret'] === this.serviceToken &&
        form['grant_type'] === 'authorization_code' &&
        form['redirect_uri'] === SERVICE_CALLBACK;
      if (!ok) {
        res.status(400).json({ error: 'invalid_grant' });
        return;
      }
      const token = randomBytes(16).toString('hex');
      this.accessTokens.set(token, name);
      res.json({ access_token: token, token_type: 'Bearer' });
    });
    hub.get('/hub/api/user', (req, res) => {
      this.userLookups++;
      const credential = (req.headers.authorization ?? '').replace(/^token /, '');
      if (credential === this.serviceToken) {
        res.json({ kind: 'service', name: 'isobar', admin: false, scopes: [] });
        return;
      }
      const server = this.serverTokens.get(credential);
      if (server !== undefined) {
        res.json({ kind: 'user', name: server, admin: false, groups: [], scopes: [`access:servers!server=${server}/`] });
        return;
      }
      const person = this.people.get(this.accessTokens.get(credential) ?? '');
      if (!person) {
        res.status(403).json({ status: 403, message: 'Forbidden' });
        return;
      }
      const scopes = person.scopes ?? [SERVICE_ACCESS, `read:users:name!user=${person.name}`];
      res.json({ kind: 'user', name: person.name, admin: person.admin === true, groups: [], scopes });
    });
    hub.post('/hub/api/users/:name/tokens', express.json(), (req, res) => {
      const user = req.params.name;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const auth = (body['auth'] ?? {}) as Record<string, unknown>;
      const person = this.people.get(user);
      const record = { user, authorization: req.headers.authorization, cookie: req.headers.cookie, body };
      // As the hub does: credentials in the body count only when the request carries no others.
      const passwordOk =
        !req.headers.authorization && person !== undefined && auth['username'] === user && auth['password'] === person.password;
      if (!passwordOk) {
        this.creations.push({ ...record, status: 403 });
        res.status(403).json({ status: 403, message: 'Forbidden' });
        return;
      }
      const id = `a${this.nextTokenId++}`;
      const token = randomBytes(16).toString('hex');
      this.liveProbeTokens.set(id, { user, token });
      this.creations.push({ ...record, status: 201, id });
      res.status(201).json({ id, token, user, kind: 'api_token', note: body['note'], expires_at: null });
    });
    hub.delete('/hub/api/users/:name/tokens/:id', (req, res) => {
      const { name, id } = req.params;
      const credential = (req.headers.authorization ?? '').replace(/^token /, '');
      const live = this.liveProbeTokens.get(id);
      const allowed =
        (credential === this.serviceToken && this.serviceMayDeleteTokens) || (live !== undefined && credential === live.token);
      let status = 204;
      if (!allowed) status = 403;
      else if (!live || live.user !== name) status = 404;
      this.deletions.push({ user: name, id, authorization: req.headers.authorization, status });
      if (status === 204) this.liveProbeTokens.delete(id);
      res.status(status).end();
    });
    return hub;
  }
}
