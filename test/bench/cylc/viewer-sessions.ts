/**
 * Session cookies for many websocket viewers. The server may cap the
 * sockets of one session (as it does for pages); when an upgrade is
 * refused with 429, a further session is signed in through the hub, as a
 * second browser would be. How many were needed is reported.
 */
import { signInOwner } from './signed-in-owner';

export class ViewerSessions {
  private readonly cookies: string[];
  /** Sockets opened with the newest cookie. */
  private usedByNewest = 0;

  constructor(firstCookie: string) {
    this.cookies = [firstCookie];
  }

  get count(): number {
    return this.cookies.length;
  }

  get current(): string {
    return this.cookies[this.cookies.length - 1]!;
  }

  noteOpened(): void {
    this.usedByNewest++;
  }

  /**
   * Called on a 429: a further session, unless the newest one has not
   * opened anything yet, in which case the cap is not per session and a
   * new session cannot help.
   */
  async another(): Promise<void> {
    if (this.usedByNewest === 0) throw new Error(`the server refuses more sockets even for a fresh session (${this.count} sessions)`);
    const { cookie } = await signInOwner();
    this.cookies.push(cookie);
    this.usedByNewest = 0;
  }
}
