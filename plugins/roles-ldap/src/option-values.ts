/**
 * Readers for single option values. Each returns the value or records a
 * problem naming the key (relative to the provider's options), so that all
 * problems are reported together.
 */
import { describeValue } from '@isobar/core';
import type { OptionProblem } from '@isobar/core';

export class OptionReader {
  readonly problems: OptionProblem[] = [];

  constructor(
    private readonly record: Readonly<Record<string, unknown>>,
    private readonly prefix = '',
  ) {}

  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  has(name: string): boolean {
    return this.record[name] !== undefined && this.record[name] !== null;
  }

  raw(name: string): unknown {
    return this.record[name];
  }

  problem(name: string, message: string): void {
    this.problems.push({ key: this.key(name), message });
  }

  string(name: string, fallback: string): string;
  string(name: string, fallback: undefined): string | undefined;
  string(name: string, fallback: string | undefined): string | undefined {
    if (!this.has(name)) return fallback;
    const value = this.record[name];
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(name, `expected a non-empty string, got ${describeValue(value)}`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    if (!this.has(name)) return fallback;
    const value = this.record[name];
    if (typeof value !== 'boolean') {
      this.problem(name, `expected true or false, got ${describeValue(value)}`);
      return fallback;
    }
    return value;
  }

  /** A number within [min, max]; integers only when `integer`. */
  number(name: string, fallback: number, min: number, max: number, integer: boolean): number {
    if (!this.has(name)) return fallback;
    const value = this.record[name];
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
    if (!ok) {
      this.problem(name, `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${describeValue(value)}`);
      return fallback;
    }
    return value;
  }
}
