/**
 * The results file and the console in one: each section is printed as it
 * is measured (a long run shows progress) and written at the end with the
 * machine and date, so the figures are never separated from their context.
 */
import { writeFileSync } from 'node:fs';
import { table } from '../stats';

export class Report {
  private readonly lines: string[] = [];

  say(text: string): void {
    console.log(text);
    this.lines.push(text);
  }

  section(title: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>, notes: readonly string[] = []): void {
    this.say(`## ${title}\n`);
    this.say(table(header, rows) + '\n');
    for (const note of notes) this.say(note + '\n');
  }

  write(file: string): void {
    writeFileSync(file, this.lines.join('\n') + '\n');
  }
}

/**
 * Runs one section; a failure is reported in its place and the run goes
 * on, so one broken measurement does not cost the figures of the others.
 */
export async function attempt(report: Report, title: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(message);
    report.say(`## ${title}\n\nFAILED: ${message.split('\n')[0] ?? message}\n`);
  }
}
