/**
 * Number formats for the Cylc tables. The shared `ms()` rounds to whole
 * milliseconds, which hides the sub-millisecond reads these goals are about.
 */
export function fineMs(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(0)} ms`;
}

export function kb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a';
}

export function loadAverage(values: readonly number[]): string {
  return values.length === 0 ? 'n/a' : values.map((v) => v.toFixed(2)).join(' / ');
}

export function range(values: readonly number[], digits = 1): string {
  if (values.length === 0) return 'n/a';
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

export function megabytes(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : 'n/a';
}

/** The highest value, NaN for none (Math.max of nothing is -Infinity). */
export function peak(values: readonly number[]): number {
  return values.length === 0 ? NaN : Math.max(...values);
}
