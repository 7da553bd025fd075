/**
 * The owner signed in through the real hub, as a browser would be: login,
 * open the server (the hub spawns it), OAuth back to the server. The
 * server's session cookie (path `/user/<owner>/`) then works both through
 * the hub's proxy and straight at the server's own address.
 */
import { PUBLIC_URL, password } from '../../lib/bed';
import { HubSession } from '../../lib/http-session';
import { ownerServerAddress, type ServerAddress } from './direct-address';
import type { PostTarget } from './http-post';
import { GRAPHQL_PATH, OWNER, PREFIX } from './targets';

export interface SignedInOwner {
  readonly session: HubSession;
  /** The Cookie header a browser sends for `/user/<owner>/…`. */
  readonly cookie: string;
  readonly server: ServerAddress;
  /** `/user/<owner>/graphql` straight at the server's ip:port. */
  readonly direct: PostTarget;
  /** The same path through the hub's proxy (PUBLIC_URL). */
  readonly viaHub: PostTarget;
}

/** Signs in as `OWNER` and opens its server; a new HubSession gives a new server session (and cookie). */
export async function signInOwner(): Promise<SignedInOwner> {
  const session = new HubSession(PUBLIC_URL);
  await session.login(OWNER, password(OWNER));
  const page = await session.open(PREFIX);
  if (page.status !== 200) throw new Error(`${OWNER} could not open ${PREFIX}: HTTP ${page.status} at ${page.url}`);
  const cookie = session.jar.headerFor(GRAPHQL_PATH);
  if (cookie === '') throw new Error(`no session cookie for ${GRAPHQL_PATH} after opening ${PREFIX}`);
  const server = ownerServerAddress(OWNER);
  return {
    session,
    cookie,
    server,
    direct: { origin: `http://${server.ip}:${server.port}`, path: GRAPHQL_PATH, cookie },
    viaHub: { origin: PUBLIC_URL, path: GRAPHQL_PATH, cookie },
  };
}
