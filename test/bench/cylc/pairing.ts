/**
 * Pairs publication times with arrival times: each published message is
 * paired with the first arrival strictly after it. One arrival may answer
 * several publications (the UI server coalesces a burst into one message).
 * Both lists must be sorted ascending; the result holds, per publication,
 * the index of its arrival, or undefined when nothing arrived after it.
 */
export function firstArrivalAfter(published: readonly number[], arrivals: readonly number[]): (number | undefined)[] {
  const paired: (number | undefined)[] = [];
  let next = 0;
  for (const t0 of published) {
    while (next < arrivals.length && arrivals[next]! <= t0) next++;
    paired.push(next < arrivals.length ? next : undefined);
  }
  return paired;
}

/** How many publications shared their arrival with the publication before (coalesced into one message). */
export function sharedArrivals(paired: readonly (number | undefined)[]): number {
  let shared = 0;
  for (let i = 1; i < paired.length; i++) if (paired[i] !== undefined && paired[i] === paired[i - 1]) shared++;
  return shared;
}
