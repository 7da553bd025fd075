/**
 * The parts of a Cylc ID and of a log file name, each checked against a
 * pattern strict enough that it can be joined into a path without ever
 * meaning anything but one plain directory entry (no `.`, `..`, `/`, NUL,
 * nor a leading `-` that a command line would take for an option), yet
 * loose enough for every value Cylc itself produces.
 */

/**
 * One segment of a workflow name (`clouds`, `run1`, `a/b/c` has three).
 * Cylc allows `\w / _ + - . @` and no leading `.`, `-` or digit for the
 * whole name; a leading `.` is refused in every segment here so that no
 * hidden directory (`.service`) can be addressed.
 */
const WORKFLOW_SEGMENT = /^[A-Za-z0-9_+@-][A-Za-z0-9_+@.-]*$/;
const WORKFLOW_FIRST_SEGMENT = /^[A-Za-z_+@][A-Za-z0-9_+@.-]*$/;
/** Cylc's own limit on a workflow name. */
const WORKFLOW_NAME_MAX = 254;
/** Cylc scans at most four levels deep; a little slack for run names. */
const WORKFLOW_SEGMENTS_MAX = 8;
/** Directories of a run directory that Cylc reserves: never part of a workflow name. */
const RESERVED_SEGMENTS = new Set(['log', 'share', 'work', '_cylc-install', 'flow.cylc', 'suite.rc']);

/**
 * Integer points (`1`, `-3`) and ISO 8601 points as Cylc writes them into
 * job log directories (`20260101T0000Z`, `20260101T0000+0530`,
 * `+020260101T0000Z`, `2026-01-01`). Cylc IDs cannot hold `:` (it starts a
 * selector), so extended times never appear here.
 */
const CYCLE_POINT = /^[+-]?[0-9][0-9A-Za-z+-]*$/;
const CYCLE_POINT_MAX = 64;

/** Cylc's task name rule: starts with a word character, then `\w - + % @`. */
const TASK_NAME = /^[A-Za-z0-9_][A-Za-z0-9_+%@-]*$/;
const TASK_NAME_MAX = 255;

/** Zero-padded submit number, or `NN`: the link Cylc keeps to the latest submit. */
const SUBMIT_NUMBER = /^(?:[0-9]{2,9}|NN)$/;
/** The numbered submit directories only (listing ignores the `NN` link). */
const NUMBERED_SUBMIT = /^[0-9]{2,9}$/;

const FILE_NAME = /^[A-Za-z0-9._-]+$/;
const FILE_NAME_MAX = 255;

/** A value that failed its pattern; the message says what was expected, never echoing long input. */
export class InvalidNameError extends Error {
  override readonly name: string = 'InvalidNameError';
}

/** Split and check a workflow name such as `clouds/run1`. */
export function parseWorkflowName(name: string): readonly string[] {
  if (name.length === 0 || name.length > WORKFLOW_NAME_MAX) {
    throw new InvalidNameError(`a workflow name has 1 to ${WORKFLOW_NAME_MAX} characters`);
  }
  const segments = name.split('/');
  if (segments.length > WORKFLOW_SEGMENTS_MAX) throw new InvalidNameError(`a workflow name has at most ${WORKFLOW_SEGMENTS_MAX} parts`);
  segments.forEach((segment, index) => {
    if (segment === '') throw new InvalidNameError('a workflow name has no empty parts (no leading, trailing or double "/")');
    const pattern = index === 0 ? WORKFLOW_FIRST_SEGMENT : WORKFLOW_SEGMENT;
    if (!pattern.test(segment)) {
      throw new InvalidNameError(
        index === 0
          ? 'a workflow name starts with a letter, "_", "+" or "@" and holds only letters, digits and _ + @ . -'
          : 'each part of a workflow name holds only letters, digits and _ + @ . - and does not start with "."',
      );
    }
    if (RESERVED_SEGMENTS.has(segment))
      throw new InvalidNameError(`"${segment}" is reserved by Cylc and cannot be part of a workflow name`);
  });
  return segments;
}

export function checkCyclePoint(point: string): string {
  if (point.length > CYCLE_POINT_MAX || !CYCLE_POINT.test(point)) {
    throw new InvalidNameError('a cycle point is an integer or an ISO 8601 point such as 20260101T0000Z');
  }
  return point;
}

export function checkTaskName(task: string): string {
  if (task.length > TASK_NAME_MAX || !TASK_NAME.test(task)) {
    throw new InvalidNameError('a task name starts with a letter, digit or "_" and holds only letters, digits and _ + % @ -');
  }
  return task;
}

export function checkSubmitNumber(submit: string): string {
  if (!SUBMIT_NUMBER.test(submit)) throw new InvalidNameError('a submit number has at least two digits (01, 02, …) or is NN');
  return submit;
}

export function isNumberedSubmit(entry: string): boolean {
  return NUMBERED_SUBMIT.test(entry);
}

/** A log file name: one plain directory entry. */
export function checkLogFileName(file: string): string {
  if (file.length > FILE_NAME_MAX || !FILE_NAME.test(file) || file === '.' || file === '..') {
    throw new InvalidNameError('a log file name holds only letters, digits and . _ - and is not "." or ".."');
  }
  return file;
}

export function isLogFileName(entry: string): boolean {
  return entry.length <= FILE_NAME_MAX && FILE_NAME.test(entry) && entry !== '.' && entry !== '..';
}
