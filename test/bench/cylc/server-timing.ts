/**
 * Reads a `Server-Timing` header (`scheduler;dur=201.4, total;dur=203.0`)
 * into durations by metric name. A metric without `dur` is left out.
 */
export function serverTimings(header: string | string[] | undefined): Map<string, number> {
  const durations = new Map<string, number>();
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const metric of text.split(',')) {
    const [name = '', ...params] = metric.split(';').map((part) => part.trim());
    for (const param of params) {
      const match = /^dur="?([0-9.]+)"?$/.exec(param);
      if (name !== '' && match?.[1] !== undefined) durations.set(name, Number(match[1]));
    }
  }
  return durations;
}
