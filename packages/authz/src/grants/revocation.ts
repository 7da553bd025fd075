/**
 * Revoked elevation sessions and grants, as a UI server hears of them from
 * hub-service. A grant is short-lived anyway; this closes the remaining
 * window so a drop or an admin's revocation takes effect within seconds.
 */

/** What the verifier asks: is this session id or grant id revoked? */
export interface RevocationCheck {
  isRevoked(id: string): boolean | Promise<boolean>;
}

/**
 * An in-memory list. Each entry is kept until `until` — the latest time a
 * grant carrying that id could still be accepted — and then forgotten, so the
 * list stays as small as the number of recent revocations.
 */
export class RevocationList implements RevocationCheck {
  private readonly entries = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  revoke(id: string, until: Date): void {
    const previous = this.entries.get(id) ?? 0;
    this.entries.set(id, Math.max(previous, until.getTime()));
  }

  isRevoked(id: string): boolean {
    this.prune();
    return this.entries.has(id);
  }

  get size(): number {
    this.prune();
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now().getTime();
    for (const [id, until] of this.entries) if (until < now) this.entries.delete(id);
  }
}
