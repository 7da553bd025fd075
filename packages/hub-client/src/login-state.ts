import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * OAuth `state`: a random value in the authorize URL and in a cookie; the
 * callback accepts the code only if both match (CSRF protection). The cookie
 * also carries where to go afterwards. Each login gets its own cookie name
 * (`prefix` + part of the state), so several tabs signing in at once (a
 * restarted server reloading every tab) do not overwrite each other's state.
 * Each client (server, service) names its cookies with its own prefix.
 */
/** Long enough to sign in at the hub, short enough that stale cookies vanish. */
export const STATE_MAX_AGE_SECONDS = 600;

const STATE_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export interface LoginState {
  readonly state: string;
  readonly cookieName: string;
  readonly cookieValue: string;
}

export function newLoginState(next: string, prefix: string): LoginState {
  const state = randomBytes(24).toString('base64url');
  return { state, cookieName: stateCookieName(state, prefix), cookieValue: `${state}.${Buffer.from(next).toString('base64url')}` };
}

export function stateCookieName(state: string, prefix: string): string {
  return `${prefix}${state.slice(0, 12)}`;
}

/** The `next` URL stored with `state`, or undefined if no cookie matches. */
export function matchLoginState(cookies: Map<string, string[]>, state: string, prefix: string): string | undefined {
  if (!STATE_PATTERN.test(state)) return undefined;
  const expected = Buffer.from(state);
  for (const value of cookies.get(stateCookieName(state, prefix)) ?? []) {
    const dot = value.indexOf('.');
    if (dot < 0) continue;
    const candidate = Buffer.from(value.slice(0, dot));
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
      return Buffer.from(value.slice(dot + 1), 'base64url').toString('utf8');
    }
  }
  return undefined;
}
