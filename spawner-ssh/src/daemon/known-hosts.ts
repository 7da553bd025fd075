/**
 * Host key checking against an OpenSSH known_hosts file: no blind trust.
 * Supports plain and hashed (|1|salt|hash) host patterns, and the
 * "[address]:port" form used for ports other than 22.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

interface KnownHostEntry {
  patterns: string[];
  keyType: string;
  key: Buffer;
}

export class KnownHosts {
  private constructor(
    private readonly entries: KnownHostEntry[],
    readonly file: string,
  ) {}

  static load(file: string): KnownHosts {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`cannot read known_hosts file ${file}: ${(err as Error).message}`);
    }
    const entries: KnownHostEntry[] = [];
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith('@')) continue;
      const [hosts, keyType, key] = line.split(/\s+/);
      if (!hosts || !keyType || !key) continue;
      entries.push({ patterns: hosts.split(','), keyType, key: Buffer.from(key, 'base64') });
    }
    return new KnownHosts(entries, file);
  }

  /** The name known_hosts uses for a host: bare for port 22, "[host]:port" otherwise. */
  static hostName(address: string, port: number): string {
    return port === 22 ? address : `[${address}]:${port}`;
  }

  private static matches(pattern: string, name: string): boolean {
    if (pattern.startsWith('|1|')) {
      const [, , salt, hash] = pattern.split('|');
      if (!salt || !hash) return false;
      return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
    }
    return pattern === name;
  }

  /** True when the key the server offered is one recorded for that host. */
  verify(address: string, port: number, offeredKey: Buffer): boolean {
    const name = KnownHosts.hostName(address, port);
    return this.entries.some((e) => e.patterns.some((p) => KnownHosts.matches(p, name)) && e.key.equals(offeredKey));
  }

  hasHost(address: string, port: number): boolean {
    const name = KnownHosts.hostName(address, port);
    return this.entries.some((e) => e.patterns.some((p) => KnownHosts.matches(p, name)));
  }
}
