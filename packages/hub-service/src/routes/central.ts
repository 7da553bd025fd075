import { MAX_QUERY_LIMIT, renderAudit, type AuditQuery, type AuditStore, type StoredAuditRecord } from '@isobar/authz';
import { HttpError, TokenRejectedError } from '@isobar/hub-client';
import type { Request, RequestHandler } from 'express';
import { sessionOf } from '../authenticate';
import { callerOf } from '../callers';
import { sendJsonError } from '../respond';
import type { ServiceDeps } from '../service-deps';

/** A person's name as the hub and the role providers know it (LDAP names may hold "." and "@"). */
const PERSON = /^[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,127}$/;

/** Entries one `POST api/audit` may carry; an outbox sends at most this many at once. */
export const MAX_AUDIT_BATCH = 1000;
export const DEFAULT_AUDIT_LIMIT = 200;

/** One query parameter given once, or undefined; repeated parameters are refused. */
function param(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'BAD_QUERY', `${name} must be given once.`);
  return value;
}

/** GET api/roles?person=: any UI server may ask the roles of any visitor. */
export function rolesOfPerson(deps: ServiceDeps): RequestHandler {
  return async (req, res) => {
    const person = param(req, 'person');
    if (person === undefined || !PERSON.test(person)) {
      sendJsonError(res, 400, 'BAD_PERSON', 'person must be a user name.');
      return;
    }
    const answer = await deps.roles.rolesOf(person);
    if (answer.errors.length > 0) deps.log.warn('role lookup incomplete', { person, errors: answer.errors.join('; ') });
    res.json(answer);
  };
}

function storeOf(deps: ServiceDeps): AuditStore {
  if (deps.auditStore === undefined) throw new HttpError(503, 'NO_AUDIT_STORE', 'This service keeps no central audit log.');
  return deps.auditStore;
}

/**
 * POST api/audit {chain, entries}: a UI server sends entries of its owner's
 * chain. The owner is whoever the token belongs to, never a field of the
 * request: a record about another owner's workflows is refused.
 */
export function receiveAudit(deps: ServiceDeps): RequestHandler {
  return (req, res) => {
    const store = storeOf(deps);
    const owner = callerOf(res.locals).name;
    const body: unknown = req.body;
    const { chain, entries } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof chain !== 'string' || !Array.isArray(entries)) {
      sendJsonError(res, 400, 'BAD_BATCH', 'Send {chain, entries: [...]}.');
      return;
    }
    if (entries.length > MAX_AUDIT_BATCH) {
      sendJsonError(res, 413, 'BATCH_TOO_LARGE', `Send at most ${MAX_AUDIT_BATCH} entries at once.`);
      return;
    }
    const results = store.acceptBatch(owner, { chain, entries });
    const refused = results.filter((r) => !r.accepted);
    if (refused.length > 0) {
      deps.log.warn('audit entries refused', {
        owner,
        refused: refused.length,
        first: refused[0] && !refused[0].accepted ? `${refused[0].code}: ${refused[0].reason}` : '',
      });
    }
    res.json({ results });
  };
}

function time(req: Request, name: string): Date | undefined {
  const value = param(req, name);
  if (value === undefined || value === '') return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new HttpError(400, 'BAD_QUERY', `${name} must be a time (ISO 8601).`);
  return new Date(parsed);
}

function filterOf(req: Request): AuditQuery {
  const text = (name: string): string | undefined => {
    const value = param(req, name);
    return value === undefined || value === '' ? undefined : value;
  };
  const rawLimit = text('limit');
  const limit = rawLimit === undefined ? DEFAULT_AUDIT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
    throw new HttpError(400, 'BAD_QUERY', `limit must be a whole number from 1 to ${MAX_QUERY_LIMIT}.`);
  }
  const filter: { -readonly [K in keyof AuditQuery]: AuditQuery[K] } = { limit };
  const person = text('person');
  const owner = text('owner');
  const workflow = text('workflow');
  const since = time(req, 'since');
  const until = time(req, 'until');
  if (person !== undefined) filter.person = person;
  if (owner !== undefined) filter.owner = owner;
  if (workflow !== undefined) filter.workflow = workflow;
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  return filter;
}

function keyOf(stored: StoredAuditRecord): string {
  return stored.chain !== undefined
    ? `${stored.sender ?? ''}/${stored.chain}/${stored.seq ?? ''}`
    : `${stored.received}/${JSON.stringify(stored.record)}`;
}

/**
 * What a person may read: their own records and every record about their
 * own workflows; hub admins read everything. The filter narrows that, never
 * widens it.
 */
function visibleRecords(store: AuditStore, filter: AuditQuery, me: string, admin: boolean): StoredAuditRecord[] {
  if (admin) return store.query(filter);
  const found = new Map<string, StoredAuditRecord>();
  if (filter.person === undefined || filter.person === me) for (const r of store.query({ ...filter, person: me })) found.set(keyOf(r), r);
  if (filter.owner === undefined || filter.owner === me) for (const r of store.query({ ...filter, owner: me })) found.set(keyOf(r), r);
  return [...found.values()]
    .sort((a, b) => (a.record.time < b.record.time ? 1 : a.record.time > b.record.time ? -1 : 0))
    .slice(0, filter.limit);
}

/** GET api/audit?person=&owner=&workflow=&since=&until=&limit=: the audit pages' data, newest first. */
export function readAudit(deps: ServiceDeps): RequestHandler {
  return async (req, res) => {
    const store = storeOf(deps);
    const session = sessionOf(res.locals);
    const filter = filterOf(req);
    // Asked now, not remembered from sign-in, as for revocations.
    const me = await deps.hub.identify(session.accessToken).catch((err: unknown) => {
      if (err instanceof TokenRejectedError) throw new HttpError(401, 'NOT_AUTHENTICATED', 'Sign in again.');
      throw err;
    });
    const admin = me.name === session.person && me.admin === true;
    const records = visibleRecords(store, filter, session.person, admin).map((stored) => ({
      ...stored.record,
      text: renderAudit(stored.record),
      source: stored.sender === undefined ? 'hub-service' : `uiserver:${stored.sender}`,
      received: stored.received,
    }));
    res.json({ person: session.person, scope: admin ? 'all' : 'own', records });
  };
}
