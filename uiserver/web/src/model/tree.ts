import { parseTaskId } from './ids';
import type { TaskNode } from './types';

export interface CycleGroup {
  readonly cyclePoint: string;
  readonly tasks: readonly TaskNode[];
}

const INTEGER = /^-?\d+$/;

/**
 * Orders cycle points oldest first. Integer cycling compares as numbers
 * ("10" after "9"); ISO 8601 points in one workflow share a format, so they
 * compare as text. Mixed kinds (never in one workflow) put integers first.
 */
export function compareCyclePoints(a: string, b: string): number {
  const aInt = INTEGER.test(a);
  const bInt = INTEGER.test(b);
  if (aInt && bInt) return Number(a) - Number(b);
  if (aInt !== bInt) return aInt ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Task names with numbers (`member_2`, `member_10`) sort as people expect. */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function cyclePointOf(task: TaskNode): string {
  return task.cyclePoint ?? parseTaskId(task.id)?.cycle ?? '';
}

export function taskNameOf(task: TaskNode): string {
  return task.name ?? parseTaskId(task.id)?.task ?? task.id;
}

/** Tasks grouped by cycle point, newest cycle first, tasks by name inside. */
export function groupByCycle(tasks: Iterable<TaskNode>): CycleGroup[] {
  const groups = new Map<string, TaskNode[]>();
  for (const task of tasks) {
    const point = cyclePointOf(task);
    let group = groups.get(point);
    if (!group) {
      group = [];
      groups.set(point, group);
    }
    group.push(task);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareCyclePoints(b, a))
    .map(([cyclePoint, list]) => ({ cyclePoint, tasks: list.sort((a, b) => compareNames(taskNameOf(a), taskNameOf(b))) }));
}

/** `3m 07s` style elapsed time between two ISO times; undefined if either is missing or unparsable. */
export function elapsed(from: string | null | undefined, to: string | null | undefined): string | undefined {
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}
