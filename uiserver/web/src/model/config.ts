/**
 * The page's `#isobar-config` JSON, checked: a page from an older or newer
 * server must still give a working (if read-only) UI, never a blank one.
 */
export interface AppConfig {
  readonly prefix: string;
  readonly graphqlPath: string;
  readonly wsPath: string;
  readonly visitor: string;
  readonly owner: string;
  /** May the visitor run mutations at all? Without it no action is offered. */
  readonly canAct: boolean;
  readonly kiosk: boolean;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

export function parseConfig(raw: unknown, fallbackKiosk = false): AppConfig {
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  let prefix = text(obj.prefix, '/');
  if (!prefix.endsWith('/')) prefix += '/';
  const kiosk = typeof obj.kiosk === 'boolean' ? obj.kiosk : fallbackKiosk;
  return {
    prefix,
    graphqlPath: text(obj.graphqlPath, `${prefix}graphql`),
    wsPath: text(obj.wsPath, `${prefix}api/ws`),
    visitor: text(obj.visitor, ''),
    owner: text(obj.owner, ''),
    // Kiosk screens are read-only whatever the visitor may do.
    canAct: obj.canAct === true && !kiosk,
    kiosk,
  };
}

/** `https:` pages need `wss:`; the path is the server's, host the page's. */
export function websocketUrl(protocol: string, host: string, path: string): string {
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
}
