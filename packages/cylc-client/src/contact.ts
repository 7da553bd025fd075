/**
 * A running scheduler's contact file, `<run>/.service/contact`: `KEY=VALUE`
 * lines written by the scheduler at start and removed when it stops.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContactFileError, WorkflowNotRunningError } from './errors';
import { errorMessage, isErrno } from './fs-util';

export interface ContactInfo {
  /** CYLC_API: the scheduler's network API version (5 for Cylc 8.0). */
  readonly api: number;
  readonly version: string;
  readonly host: string;
  /** CYLC_WORKFLOW_ID, e.g. `clouds/run1` (no owner). */
  readonly workflowId: string;
  readonly owner: string;
  readonly pid: number;
  /** Request/reply (REP) port. */
  readonly port: number;
  /** Publish (PUB) port for deltas. */
  readonly publishPort: number;
  readonly uuid: string;
  readonly runDir: string;
  /** Every line of the file, including keys not modelled above. */
  readonly raw: Readonly<Record<string, string>>;
}

export const CONTACT_FILE = join('.service', 'contact');

/** Parses the text of a contact file; `file` names it in errors. */
export function parseContact(text: string, file: string): ContactInfo {
  const raw: Record<string, string> = {};
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      throw new ContactFileError(file, undefined, `line ${index + 1} is not KEY=VALUE: ${JSON.stringify(line)}`);
    }
    const key = line.slice(0, eq);
    if (Object.hasOwn(raw, key)) throw new ContactFileError(file, key, `appears twice (line ${index + 1})`);
    raw[key] = line.slice(eq + 1);
  });

  const str = (key: string): string => {
    const value = raw[key];
    if (value === undefined) throw new ContactFileError(file, key, 'missing');
    if (value === '') throw new ContactFileError(file, key, 'empty');
    return value;
  };
  const int = (key: string, min: number, max: number): number => {
    const value = str(key);
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new ContactFileError(file, key, `expected an integer in ${min}..${max}, got ${JSON.stringify(value)}`);
    }
    return n;
  };

  return {
    api: int('CYLC_API', 0, 1000),
    version: str('CYLC_VERSION'),
    host: str('CYLC_WORKFLOW_HOST'),
    workflowId: str('CYLC_WORKFLOW_ID'),
    owner: str('CYLC_WORKFLOW_OWNER'),
    pid: int('CYLC_WORKFLOW_PID', 1, 2 ** 31),
    port: int('CYLC_WORKFLOW_PORT', 1, 65535),
    publishPort: int('CYLC_WORKFLOW_PUBLISH_PORT', 1, 65535),
    uuid: str('CYLC_WORKFLOW_UUID'),
    runDir: str('CYLC_WORKFLOW_RUN_DIR_ON_WORKFLOW_HOST'),
    raw,
  };
}

/**
 * Reads `<runDir>/.service/contact`. A missing file means the scheduler is
 * not running: that is a WorkflowNotRunningError, not a ContactFileError.
 */
export async function readContact(runDir: string): Promise<ContactInfo> {
  const file = join(runDir, CONTACT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) throw new WorkflowNotRunningError(`${runDir}: not running (no ${CONTACT_FILE})`);
    throw new ContactFileError(file, undefined, `cannot read: ${errorMessage(err)}`);
  }
  return parseContact(text, file);
}
