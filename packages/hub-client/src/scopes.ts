/**
 * May a token holding `held` scopes open the server `serverName` of `owner`?
 *
 * Mirrors JupyterHub's check for single-user servers without a database:
 * a required scope held verbatim, or an `access:servers` scope whose filter
 * covers this server. Group filters (`!group=`) cannot be resolved here (the
 * hub does not resolve them for single-user servers either), so they never
 * grant access on their own.
 */
export function hasAccessScope(held: readonly string[], required: readonly string[], owner: string, serverName: string): boolean {
  const grants = new Set(held);
  if (required.some((scope) => grants.has(scope))) return true;
  return (
    grants.has('access:servers') || grants.has(`access:servers!user=${owner}`) || grants.has(`access:servers!server=${owner}/${serverName}`)
  );
}

/** The access scopes JupyterHub asks for on behalf of a server, for when the spawner sent none. */
export function defaultAccessScopes(owner: string, serverName: string): string[] {
  return [`access:servers!server=${owner}/${serverName}`, `access:servers!user=${owner}`];
}
