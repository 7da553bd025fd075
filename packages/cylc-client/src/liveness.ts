/**
 * Is the scheduler a connection talks to still the one running? Its contact
 * file must still exist and name the same scheduler, and, when it runs on
 * this host, its pid must still exist. The
 * pid check catches a scheduler killed without removing its contact file,
 * which would otherwise look alive until a request timed out.
 */
import { readContact, type ContactInfo } from './contact';
import { WorkflowNotRunningError } from './errors';
import { isErrno } from './fs-util';

/**
 * Identifies one scheduler process. CYLC_WORKFLOW_UUID alone does not: Cylc
 * keeps it in the run database and a restarted scheduler reuses it; the pid
 * and the ports are new each time.
 */
export function schedulerInstance(contact: ContactInfo): string {
  return `${contact.uuid} pid ${contact.pid} ports ${contact.port}/${contact.publishPort}`;
}

export type Liveness = { readonly alive: true } | { readonly alive: false; readonly reason: string };

/** Whether process `pid` exists: EPERM (someone else's process) counts as existing. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return !isErrno(err, 'ESRCH');
  }
}

/**
 * Checks `runDir`'s contact file against `expected`. `local` says whether
 * the scheduler's host is this machine (undefined: unsure, skip the pid).
 */
export async function checkLiveness(runDir: string, expected: ContactInfo, local: boolean | undefined): Promise<Liveness> {
  let current: ContactInfo;
  try {
    current = await readContact(runDir);
  } catch (err) {
    if (err instanceof WorkflowNotRunningError) return { alive: false, reason: 'contact file removed: the scheduler has stopped' };
    // Being rewritten, or unreadable for a moment: not proof the scheduler is gone.
    return { alive: true };
  }
  if (schedulerInstance(current) !== schedulerInstance(expected)) {
    return { alive: false, reason: `another scheduler is running (${schedulerInstance(current)})` };
  }
  if (local === true && !processExists(expected.pid)) {
    return { alive: false, reason: `scheduler process ${expected.pid} is gone` };
  }
  return { alive: true };
}
