/** `metrics`: what least-loaded and ranking selectors choose by. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, freemem } from 'node:os';
import type { MetricsReply } from '../protocol';
import { boundAddress, listUiServers } from './proc';

function memAvailable(): number {
  try {
    const match = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // fall through to the less accurate figure
  }
  return freemem();
}

/**
 * Several "hosts" may share one machine (one sshd per address), so UI
 * servers are counted per bound address when the launcher knows which
 * address it was reached on.
 */
export function collectMetrics(serverIp: string | undefined): MetricsReply {
  const [load1 = 0, load5 = 0, load15 = 0] = loadavg();
  const servers = listUiServers().filter((p) => serverIp === undefined || boundAddress(p) === serverIp);
  return {
    ok: true,
    load1,
    load5,
    load15,
    cpus: cpus().length,
    memAvailableBytes: memAvailable(),
    memTotalBytes: totalmem(),
    uiservers: servers.length,
  };
}
