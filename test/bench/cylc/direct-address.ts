/**
 * Where an owner's hub-spawned UI server listens, found from outside: the
 * process carries `--bind <ip>` in its argv, and the port (chosen by the
 * kernel) is read from `ss` for that pid. Requests sent there skip the
 * hub's proxy, so they show the server's own time.
 */
import { execFileSync } from 'node:child_process';
import { boundHost, uiServers } from '../../lib/processes';

export interface ServerAddress {
  readonly pid: number;
  readonly ip: string;
  readonly port: number;
}

/** The listening port of `pid` on `ip`, from `ss -Htlnp` lines such as `LISTEN 0 511 127.0.0.2:40123 0.0.0.0:* users:(("node",pid=42,fd=20))`. */
export function listeningPort(pid: number, ip: string): number | undefined {
  const out = execFileSync('ss', ['-Htlnp'], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    if (!line.includes(`pid=${pid},`)) continue;
    const local = line.trim().split(/\s+/)[3] ?? '';
    const colon = local.lastIndexOf(':');
    if (colon < 0 || local.slice(0, colon) !== ip) continue;
    const port = Number(local.slice(colon + 1));
    if (Number.isInteger(port) && port > 0) return port;
  }
  return undefined;
}

/** The one UI server of `owner`; throws if there is none or more than one (the figures would be ambiguous). */
export function ownerServerAddress(owner: string): ServerAddress {
  const servers = uiServers(owner);
  if (servers.length !== 1) throw new Error(`expected one UI server of ${owner}, found ${servers.length}`);
  const [server] = servers;
  const ip = server === undefined ? undefined : boundHost(server);
  if (server === undefined || ip === undefined) throw new Error(`the UI server of ${owner} has no --bind in its argv`);
  const port = listeningPort(server.pid, ip);
  if (port === undefined) throw new Error(`UI server ${server.pid} of ${owner} listens on no port of ${ip}`);
  return { pid: server.pid, ip, port };
}
