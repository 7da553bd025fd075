/**
 * The data feed's state as the operator should read it. "live" is a claim
 * that what is on screen is current, so it needs recent proof: the client
 * pings every few seconds and any message (data or pong) counts. A socket
 * that is open but silent is "stale", not "live".
 */
export type FeedState = 'connecting' | 'live' | 'reconnecting' | 'stale';

export interface FeedFacts {
  /** Socket open and the server acknowledged the connection. */
  readonly connected: boolean;
  /** Has the feed ever been live since the page loaded? */
  readonly everConnected: boolean;
  /** When the last message of any kind arrived (ms). */
  readonly lastMessageAt: number;
  readonly now: number;
  readonly staleAfterMs: number;
}

export function feedState(facts: FeedFacts): FeedState {
  if (!facts.connected) return facts.everConnected ? 'reconnecting' : 'connecting';
  return facts.now - facts.lastMessageAt > facts.staleAfterMs ? 'stale' : 'live';
}

/** Words for the state, with how long the data has been old when that matters. */
export function feedText(state: FeedState, facts: Pick<FeedFacts, 'lastMessageAt' | 'now' | 'everConnected'>): string {
  if (state === 'live') return 'live';
  if (state === 'connecting') return 'connecting';
  const age = Math.max(0, Math.round((facts.now - facts.lastMessageAt) / 1000));
  const since = facts.everConnected ? ` (last update ${formatAge(age)} ago)` : '';
  return state === 'stale' ? `stale${since}` : `reconnecting${since}`;
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): quick at first, then
 * up to `maxMs`, halved-and-jittered so many screens that lost the same
 * server do not come back in step. `random` is in [0, 1).
 */
export function retryDelay(attempt: number, random: number, maxMs = 30000): number {
  const full = Math.min(500 * 2 ** Math.max(0, attempt), maxMs);
  return Math.round(full / 2 + (random * full) / 2);
}
