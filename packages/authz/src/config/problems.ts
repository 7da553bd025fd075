/**
 * Config problems as operators read them, in core's format:
 *   /home/alice/.isobar/authz.yaml:4:3: grants.role:ops: unknown permission "stpo"; did you mean "stop"?
 */
import type { ConfigProblem } from '@isobar/core';
import type { LineCounter, Node } from 'yaml';

export function formatProblem(problem: ConfigProblem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  return problem.key === '' ? `${where}: ${problem.message}` : `${where}: ${problem.key}: ${problem.message}`;
}

/** Collects problems for one file, each placed at the node it is about. */
export class ProblemList {
  readonly problems: ConfigProblem[] = [];

  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  positionOf(node: Node | null | undefined): { line?: number; column?: number } {
    if (!node?.range) return {};
    const { line, col } = this.lineCounter.linePos(node.range[0]);
    return { line, column: col };
  }

  add(node: Node | null | undefined, key: string, message: string): void {
    this.problems.push({ file: this.file, ...this.positionOf(node), key, message });
  }
}
