/**
 * Token bucket: `capacity` messages at once, refilled at `perSecond`.
 * A page sends one keepalive per interval, so anything near the limit is a
 * bug or abuse.
 */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updated = now();
  }

  /** Spend one token; false when the bucket is empty. */
  take(): boolean {
    const at = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((at - this.updated) / 1000) * this.perSecond);
    this.updated = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
