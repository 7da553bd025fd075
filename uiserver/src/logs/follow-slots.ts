/**
 * A cap on concurrent follows: each holds a file, a watch and timers, and
 * inotify watches are a per-user resource shared with the owner's own tools.
 */
export class FollowSlots {
  private used = 0;

  constructor(readonly max: number) {}

  /** A release function, or undefined when every slot is taken. Releasing twice frees one slot only. */
  tryAcquire(): (() => void) | undefined {
    if (this.used >= this.max) return undefined;
    this.used++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used--;
    };
  }

  get inUse(): number {
    return this.used;
  }
}
