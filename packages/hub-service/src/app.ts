import express, { type Express } from 'express';
import { requireSession } from './authenticate';
import { requireApiCsrf } from './csrf';
import { errorHandler, notFound } from './error-handler';
import { commonHeaders } from './headers';
import './locals';
import { oauthCallback } from './login';
import { requireServerToken } from './callers';
import { dropElevation, elevationStatus, grantKey, issueGrant, revokeElevation } from './routes/api';
import { readAudit, receiveAudit, rolesOfPerson } from './routes/central';
import { elevateForm, elevateSubmit } from './routes/elevate';
import type { ServiceDeps } from './service-deps';

/** Bodies here are a password form or a one-field JSON command... */
const BODY_LIMIT = '8kb';
/** ...or a UI server's batch of audit entries. */
const AUDIT_BODY_LIMIT = '4mb';

/** Exactly this path: the prefix holds a service name, which must not be read as route syntax. */
function exact(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The HTTP side of the service, in the order a request meets it. */
export function createApp(deps: ServiceDeps): Express {
  const { config, sessions, log } = deps;
  const p = config.prefix;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(commonHeaders());
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT });
  const json = express.json({ limit: BODY_LIMIT });
  const apiCsrf = requireApiCsrf(config.allowedOrigins);
  const page = requireSession(config, sessions, log, 'login');
  const api = requireSession(config, sessions, log, 'json');

  app.get(exact(config.callbackPath), oauthCallback(deps));
  app.get(exact(`${p}elevate`), page, elevateForm(deps));
  app.post(exact(`${p}elevate`), requireSession(config, sessions, log, 'page'), form, elevateSubmit(deps));
  app.get(exact(`${p}api/grant-key`), grantKey(deps));
  app.get(exact(`${p}api/elevation`), api, elevationStatus(deps));
  // The origin check comes before the body is read: another site's body is never parsed.
  app.post(exact(`${p}api/grants`), api, apiCsrf, json, issueGrant(deps));
  app.post(exact(`${p}api/drop`), api, apiCsrf, json, dropElevation(deps));
  app.post(exact(`${p}api/revoke`), api, apiCsrf, json, revokeElevation(deps));
  // For UI servers, with their hub token: no cookie counts, so no browser can be made to call these.
  const server = requireServerToken(deps.callers);
  app.get(exact(`${p}api/roles`), server, rolesOfPerson(deps));
  app.post(exact(`${p}api/audit`), server, express.json({ limit: AUDIT_BODY_LIMIT }), receiveAudit(deps));
  app.get(exact(`${p}api/audit`), api, readAudit(deps));
  app.use(notFound(p));
  app.use(errorHandler(p, log));
  return app;
}
