/** A hand-driven clock for unit tests. */
export class FakeClock {
  constructor(public ms = 1_700_000_000_000) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A Logger sink that keeps lines for assertions. */
export class LineSink {
  readonly lines: string[] = [];
  write(line: string): boolean {
    this.lines.push(line);
    return true;
  }
  get text(): string {
    return this.lines.join('');
  }
}
