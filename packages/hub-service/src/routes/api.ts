import { HttpError, TokenRejectedError } from '@isobar/hub-client';
import type { Request, RequestHandler } from 'express';
import { sessionOf } from '../authenticate';
import { isOwnerName } from '../owner-name';
import { sendJsonError } from '../respond';
import { audit, type ServiceDeps } from '../service-deps';

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** GET api/grant-key: the public key UI servers verify grants with. Public by nature, so no session needed. */
export function grantKey(deps: ServiceDeps): RequestHandler {
  return (_req, res) => {
    res.json(deps.keys.publicJwk());
  };
}

/** GET api/elevation: what this browser holds now, for the page's countdown. */
export function elevationStatus(deps: ServiceDeps): RequestHandler {
  return (_req, res) => {
    const elevation = deps.elevations.get(sessionOf(res.locals).elevationId);
    if (!elevation) {
      res.json({ level: 'read' });
      return;
    }
    res.json({
      level: elevation.level,
      expiresAt: new Date(elevation.expiresAt).toISOString(),
      remainingSeconds: Math.max(0, Math.floor((elevation.expiresAt - deps.now()) / 1000)),
    });
  };
}

/**
 * POST api/grants {audience}: a grant for one owner's UI server, while this
 * browser is elevated. It never outlives the elevation, and lasts at most
 * `grantLifetime`, so that a drop or a revocation reaches every UI server
 * within that time (pages refresh grants well before they expire).
 */
export function issueGrant(deps: ServiceDeps): RequestHandler {
  return async (req, res) => {
    const session = sessionOf(res.locals);
    const audience = bodyOf(req)['audience'];
    if (!isOwnerName(audience)) {
      sendJsonError(res, 400, 'BAD_AUDIENCE', 'audience must be the name of a UI server owner.');
      return;
    }
    const elevation = deps.elevations.get(session.elevationId);
    if (!elevation) {
      session.elevationId = undefined;
      audit(deps, { person: session.person, operation: 'grant', target: audience, result: 'denied', reason: 'not elevated' });
      sendJsonError(res, 403, 'NOT_ELEVATED', 'Raise your privileges first.');
      return;
    }
    const issued = await deps.signer.issue({
      person: elevation.person,
      audience,
      level: elevation.level,
      session: elevation.id,
      elevationExpiresAt: new Date(elevation.expiresAt),
    });
    if (issued === undefined) {
      // Less than a second left: a grant could not outlive the elevation and still be valid.
      audit(deps, { person: session.person, operation: 'grant', target: audience, result: 'denied', reason: 'elevation ending' });
      sendJsonError(res, 403, 'NOT_ELEVATED', 'Your raised privileges are ending; raise them again.');
      return;
    }
    deps.log.debug('grant issued', { person: elevation.person, audience, level: elevation.level });
    res.json({
      grant: issued.token,
      level: elevation.level,
      audience,
      expiresAt: issued.expiresAt.toISOString(),
      elevationExpiresAt: new Date(elevation.expiresAt).toISOString(),
    });
  };
}

/** POST api/drop: back to read-only now. */
export function dropElevation(deps: ServiceDeps): RequestHandler {
  return (_req, res) => {
    const session = sessionOf(res.locals);
    if (session.elevationId !== undefined) deps.elevations.drop(session.elevationId);
    session.elevationId = undefined;
    res.json({ level: 'read' });
  };
}

/** POST api/revoke {person}: a hub admin ends someone's elevations everywhere. */
export function revokeElevation(deps: ServiceDeps): RequestHandler {
  return async (req, res) => {
    const session = sessionOf(res.locals);
    // Asked now, not remembered from sign-in: an admin who lost the flag must not keep the power.
    const me = await deps.hub.identify(session.accessToken).catch((err: unknown) => {
      if (err instanceof TokenRejectedError) throw new HttpError(401, 'NOT_AUTHENTICATED', 'Sign in again.');
      throw err;
    });
    const person = bodyOf(req)['person'];
    if (me.name !== session.person || me.admin !== true) {
      audit(deps, {
        person: session.person,
        operation: 'revoke',
        ...(typeof person === 'string' ? { target: person } : {}),
        result: 'denied',
        reason: 'not a hub admin',
      });
      sendJsonError(res, 403, 'NOT_ADMIN', 'Only hub admins may revoke privileges.');
      return;
    }
    if (typeof person !== 'string' || person === '') {
      sendJsonError(res, 400, 'BAD_PERSON', 'person must be a user name.');
      return;
    }
    const revoked = deps.elevations.revoke(person, session.person);
    deps.log.info('privileges revoked', { person, by: session.person, revoked });
    res.json({ person, revoked });
  };
}
