/**
 * Cylc's schedulers take the acting person from a request's
 * `meta.auth_user`, and the UI server always sets it to the signed-in
 * visitor. A request that brings its own (at the top level, or in
 * `extensions`) is trying to act as someone else: it is refused and the
 * attempt recorded, never quietly rewritten, so it shows in the audit trail.
 */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function authUserIn(value: unknown): unknown {
  if (!isObject(value)) return undefined;
  if ('auth_user' in value) return value['auth_user'];
  return isObject(value['meta']) && 'auth_user' in value['meta'] ? value['meta']['auth_user'] : undefined;
}

/** How the request names a person of its own (`auth_user "bob"`), or undefined when it does not. */
export function claimedIdentity(body: Record<string, unknown>): string | undefined {
  const claimed = authUserIn(body) ?? authUserIn(body['extensions']);
  if (claimed === undefined) return undefined;
  return `auth_user ${JSON.stringify(claimed)?.slice(0, 80) ?? String(claimed)}`;
}

/** Why a request that claims an identity is refused. */
export function claimedIdentityRefusal(claimed: string): string {
  return `the request names its own ${claimed}; actions are made only as the person signed in`;
}
