/** Polling for asynchronous outcomes in tests, with a message that says what never happened. */
import { setTimeout as sleep } from 'node:timers/promises';

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 2000, pollMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(pollMs);
  }
}
