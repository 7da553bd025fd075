import type { Request, RequestHandler, Response } from 'express';
import { sessionOf } from '../authenticate';
import { clientAddress } from '../client-address';
import { crossSiteByFetchMetadata, tokensEqual } from '../csrf';
import { covers, type ElevationLevel, isElevationLevel } from '../levels';
import { safeReturnPath } from '../next-url';
import type { PasswordVerdict } from '../password-check';
import { fromOurOrigin, ourOrigins } from '../origin';
import { renderElevatePage } from '../pages';
import { newNonce, sendHtml, sendMessagePage } from '../respond';
import { audit, type ServiceDeps } from '../service-deps';
import type { BrowserSession } from '../sessions';

const personKey = (person: string): string => `person:${person}`;
const clientKey = (address: string): string => `client:${address}`;

interface Target {
  readonly level: ElevationLevel;
  readonly next: string;
}

/** The level and the way back, or a 400 page already sent. */
function target(deps: ServiceDeps, req: Request, res: Response, source: Record<string, unknown>): Target | undefined {
  const level = source['level'];
  if (!isElevationLevel(level)) {
    sendMessagePage(res, 400, 'Unknown level', 'Privileges can be raised to execute or write only.');
    return undefined;
  }
  const next = safeReturnPath(source['next'], deps.config.userPrefix, ourOrigins(req, deps.config.allowedOrigins));
  if (next === undefined) {
    deps.log.warn('elevation refused: return address is not a UI server page of this site', { person: sessionOf(res.locals).person });
    sendMessagePage(res, 400, 'Refused', 'After raising privileges you can only go back to a workflow page of this site.');
    return undefined;
  }
  return { level, next };
}

function minutes(deps: ServiceDeps, level: ElevationLevel): number {
  return Math.max(1, Math.round(deps.config.elevation.duration[level] / 60));
}

function showForm(deps: ServiceDeps, res: Response, session: BrowserSession, t: Target, status = 200, error?: string): void {
  const nonce = newNonce();
  const html = renderElevatePage({
    person: session.person,
    level: t.level,
    next: t.next,
    csrfToken: session.csrfToken,
    minutes: minutes(deps, t.level),
    nonce,
    ...(error === undefined ? {} : { error }),
  });
  sendHtml(res, status, html, nonce);
}

/** When the person or this address may try again, if either is locked out. */
function lockedUntil(deps: ServiceDeps, person: string, client: string): number | undefined {
  const times = [deps.limiter.lockedUntil(personKey(person)), deps.limiter.lockedUntil(clientKey(client))].filter((t) => t !== undefined);
  return times.length > 0 ? Math.max(...times) : undefined;
}

function sendLockedOut(deps: ServiceDeps, res: Response, until: number): void {
  const wait = Math.max(1, Math.ceil((until - deps.now()) / 60_000));
  res.setHeader('Retry-After', String(Math.ceil((until - deps.now()) / 1000)));
  sendMessagePage(res, 429, 'Too many attempts', `Too many wrong passwords. Try again in ${wait} minute${wait === 1 ? '' : 's'}.`);
}

/** GET: the password form (or straight back, if this browser already holds the level). */
export function elevateForm(deps: ServiceDeps): RequestHandler {
  return (req, res) => {
    const session = sessionOf(res.locals);
    const t = target(deps, req, res, req.query);
    if (!t) return;
    const current = deps.elevations.get(session.elevationId);
    if (current && covers(current.level, t.level)) {
      res.redirect(303, t.next);
      return;
    }
    const until = lockedUntil(deps, session.person, clientAddress(req, deps.config.trustedProxies));
    if (until !== undefined) {
      sendLockedOut(deps, res, until);
      return;
    }
    showForm(deps, res, session, t);
  };
}

/** POST: check the password with the hub; on success start the elevation and go back. */
export function elevateSubmit(deps: ServiceDeps): RequestHandler {
  return async (req, res) => {
    const session = sessionOf(res.locals);
    const person = session.person;
    const client = clientAddress(req, deps.config.trustedProxies);
    const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    if (!fromOurOrigin(req, deps.config.allowedOrigins) || crossSiteByFetchMetadata(req) || !tokensEqual(form['csrf'], session.csrfToken)) {
      audit(deps, { person, operation: 'raise', result: 'denied', reason: 'request not from this site', client });
      sendMessagePage(res, 403, 'Refused', 'This request did not come from the elevation page of this site.');
      return;
    }
    const t = target(deps, req, res, form);
    if (!t) return;
    const until = lockedUntil(deps, person, client);
    if (until !== undefined) {
      audit(deps, { person, operation: 'raise', level: t.level, result: 'denied', reason: 'locked out', client });
      sendLockedOut(deps, res, until);
      return;
    }
    const password = form['password'];
    if (typeof password !== 'string' || password === '') {
      showForm(deps, res, session, t, 400, 'Enter your password.');
      return;
    }
    const started = performance.now();
    let verdict: PasswordVerdict;
    try {
      verdict = await deps.hub.checkPassword(person, password);
    } catch (err) {
      audit(deps, { person, operation: 'raise', level: t.level, result: 'error', reason: 'the hub could not check the password', client });
      throw err;
    }
    const authMs = Math.round(performance.now() - started);
    if (!verdict.ok) {
      refuse(deps, res, session, t, client);
      return;
    }
    deps.limiter.succeed(personKey(person));
    if (!verdict.tokenDeleted) deps.log.warn('could not delete the token that proved the password; it expires within a minute', { person });
    const elevation = deps.elevations.start(person, t.level, deps.config.elevation.duration[t.level] * 1000, session.elevationId);
    session.elevationId = elevation.id;
    audit(deps, { person, operation: 'raise', level: t.level, session: elevation.id, result: 'ok', client });
    deps.log.info('privileges raised', { person, level: t.level, authMs });
    res.redirect(303, t.next);
  };
}

function refuse(deps: ServiceDeps, res: Response, session: BrowserSession, t: Target, client: string): void {
  const person = session.person;
  audit(deps, { person, operation: 'raise', level: t.level, result: 'denied', reason: 'wrong password', client });
  const lockouts = [deps.limiter.fail(personKey(person)), deps.limiter.fail(clientKey(client))];
  const lockout = deps.config.elevation.lockout;
  if (lockouts[0]?.lockedOut)
    audit(deps, {
      person,
      operation: 'lockout',
      level: t.level,
      result: 'denied',
      reason: `too many wrong passwords; ${lockout} s`,
      client,
    });
  if (lockouts[1]?.lockedOut) {
    audit(deps, {
      person,
      operation: 'lockout',
      level: t.level,
      result: 'denied',
      reason: `too many wrong passwords from ${client}; ${lockout} s`,
      client,
    });
  }
  const until = lockedUntil(deps, person, client);
  if (until !== undefined) {
    sendLockedOut(deps, res, until);
    return;
  }
  showForm(deps, res, session, t, 403, 'That password was not accepted.');
}
