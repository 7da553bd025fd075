import type { HubUser } from '@isobar/hub-client';
import type { PasswordVerdict } from './password-check';

/** Everything the service asks the hub, behind one seam so that routes never build hub requests themselves. */
export interface HubSide {
  /** Authorization code → the person's access token for this service. */
  exchangeCode(code: string): Promise<string>;
  /** Access token → its owner, scopes and admin flag (`GET /hub/api/user`). */
  identify(accessToken: string): Promise<HubUser>;
  /** The hub's authenticator's word on a password; the token that proves it is already deleted. */
  checkPassword(person: string, password: string): Promise<PasswordVerdict>;
}

/** JupyterHub's rule for services: the token must hold one of the service's access scopes. */
export function mayUseService(user: HubUser, accessScopes: readonly string[]): boolean {
  const held = new Set(user.scopes);
  return user.kind !== 'service' && accessScopes.some((scope) => held.has(scope));
}
