/**
 * When has nobody been looking for long enough? "Activity" is any
 * authenticated request or websocket keepalive; an open page (websocket)
 * keeps the server alive however quiet it is, and closing the last one
 * starts the clock. The clock is injected so the rules can be tested
 * without waiting.
 */
export class IdleTracker {
  private last: number;
  private open = 0;

  constructor(
    /** 0 disables idle shutdown. */
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // Being started counts: the hub spawns us because someone asked.
    this.last = now();
  }

  touch(): void {
    this.last = Math.max(this.last, this.now());
  }

  connectionOpened(): void {
    this.open++;
    this.touch();
  }

  connectionClosed(): void {
    this.open = Math.max(0, this.open - 1);
    this.touch();
  }

  get openConnections(): number {
    return this.open;
  }

  /** Milliseconds since the epoch of the last activity. */
  get lastActivity(): number {
    return this.last;
  }

  isIdle(): boolean {
    return this.timeoutMs > 0 && this.open === 0 && this.now() - this.last >= this.timeoutMs;
  }
}
