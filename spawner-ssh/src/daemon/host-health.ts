/**
 * Remembers hosts that failed so spawns skip them for a while (backoff)
 * instead of every spawn paying a connect timeout to a dead host.
 */
export interface HostFault {
  at: number;
  reason: string;
}

export class HostHealth {
  private readonly faults = new Map<string, HostFault>();

  constructor(
    private readonly backoffMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  markFailed(host: string, reason: string): void {
    this.faults.set(host, { at: this.now(), reason });
  }

  markHealthy(host: string): void {
    this.faults.delete(host);
  }

  /** The fault that still keeps the host in backoff, if any. */
  backingOff(host: string): HostFault | undefined {
    const fault = this.faults.get(host);
    if (!fault) return undefined;
    if (this.now() - fault.at >= this.backoffMs) return undefined;
    return fault;
  }

  secondsSince(fault: HostFault): number {
    return Math.round((this.now() - fault.at) / 1000);
  }
}
