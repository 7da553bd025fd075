/**
 * Raising privileges without a browser, the way the hub-service's page does
 * it: sign in to the hub-service (OAuth through the hub), fill its password
 * form, and ask for grants with the session's cookies. For tests of what
 * must be refused, the requests can be bent (wrong password, other
 * audience) while everything else stays as a browser sends it.
 */
import { request as httpRequest } from 'node:http';
import { PUBLIC_URL } from './bed';
import type { HubSession, PageResult } from './http-session';
import { jsonReply } from './json-reply';

export const HUB_SERVICE = '/services/isobar/';

/** Browsers send Origin on every POST; the hub-service refuses one without. */
const SAME_ORIGIN = { origin: new URL(PUBLIC_URL).origin };

export interface ElevateReply {
  readonly status: number;
  /** Where the hub-service sends the browser (303 on success). */
  readonly location: string | null;
  readonly body: string;
}

/**
 * Opens the elevation form (signing in to the hub-service first) and submits
 * `password`. `from`: a loopback address to send the password from, as a
 * browser on another machine would (the hub-service limits attempts per
 * person and per address).
 */
export async function submitPassword(
  session: HubSession,
  owner: string,
  level: 'execute' | 'write',
  password: string,
  from?: string,
): Promise<ElevateReply> {
  const next = `/user/${owner}/`;
  const formUrl = `${HUB_SERVICE}elevate?level=${level}&next=${encodeURIComponent(next)}`;
  const form = await openHubServicePage(session, formUrl);
  if (form.status === 429) return { status: 429, location: null, body: form.body };
  const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)?.[1];
  if (form.status !== 200 || csrf === undefined)
    throw new Error(`no elevation form at ${formUrl}: HTTP ${form.status} ${form.url}\n${form.body.slice(0, 500)}`);
  const body = new URLSearchParams({ csrf, level, next, password }).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN };
  if (from !== undefined)
    return postFrom(from, `${HUB_SERVICE}elevate`, session.jar.headerFor(`${HUB_SERVICE}elevate`) ?? '', headers, body);
  const res = await session.request(`${HUB_SERVICE}elevate`, { method: 'POST', headers, body });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** A hub-service page, signing in to the hub-service first if needed (OAuth through the hub). */
async function openHubServicePage(session: HubSession, url: string): Promise<PageResult> {
  const page = await session.get(url);
  // Signing in ends on a page that moves on by meta refresh (the session cookie is SameSite=Strict).
  const refresh = /http-equiv="refresh" content="0; url=([^"]+)"/.exec(page.body)?.[1];
  return page.status === 200 && refresh !== undefined ? session.get(refresh.replace(/&#38;|&amp;/g, '&')) : page;
}

/** A POST with the given cookies over a connection from `localAddress` (fetch cannot choose its source address). */
function postFrom(
  localAddress: string,
  path: string,
  cookie: string,
  headers: Record<string, string>,
  body: string,
): Promise<ElevateReply> {
  const url = new URL(path, PUBLIC_URL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', localAddress, headers: { ...headers, cookie, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Raises the session's privileges to `level`; throws unless the hub-service accepted the password. */
export async function elevate(session: HubSession, owner: string, level: 'execute' | 'write', password: string): Promise<void> {
  const reply = await submitPassword(session, owner, level, password);
  if (reply.status !== 303) throw new Error(`elevation to ${level} refused: HTTP ${reply.status}\n${reply.body.slice(0, 500)}`);
}

export interface GrantReply {
  readonly grant: string;
  readonly level: string;
  readonly expiresAt: string;
  readonly elevationExpiresAt: string;
}

/** POST api/grants {audience: owner}, as the page does while elevated. */
export async function grantFor(session: HubSession, owner: string): Promise<GrantReply> {
  const reply = await hubServiceJson(session, 'api/grants', { audience: owner });
  if (reply.status !== 200) throw new Error(`no grant for ${owner}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as GrantReply;
}

/** A JSON call to the hub-service: GET without a body, POST with one. */
export async function hubServiceJson(session: HubSession, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const init: RequestInit =
    body === undefined
      ? { headers: { accept: 'application/json' } }
      : { method: 'POST', headers: { 'content-type': 'application/json', ...SAME_ORIGIN }, body: JSON.stringify(body) };
  return jsonReply(await session.request(`${HUB_SERVICE}${path}`, init));
}

export interface CentralAuditRecord {
  readonly person: string;
  readonly operation: string;
  readonly result: string;
  readonly level?: string;
  readonly detail?: string;
  readonly target?: { readonly owner?: string; readonly workflow?: string; readonly task?: string; readonly cycle?: string };
  readonly text: string;
  readonly source: string;
}

/** GET api/audit with a filter: what this session's person may see of the central log, newest first. */
export async function centralAudit(session: HubSession, filter: Record<string, string> = {}): Promise<CentralAuditRecord[]> {
  const path = `api/audit?${new URLSearchParams(filter).toString()}`;
  let reply = await hubServiceJson(session, path);
  if (reply.status === 401) {
    // Not signed in to the hub-service yet: any of its pages does that (the audit view is reached from one).
    await openHubServicePage(session, `${HUB_SERVICE}elevate?level=execute&next=${encodeURIComponent(`/user/${session.person ?? ''}/`)}`);
    reply = await hubServiceJson(session, path);
  }
  if (reply.status !== 200) throw new Error(`api/audit: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  return (reply.body as { records: CentralAuditRecord[] }).records;
}
