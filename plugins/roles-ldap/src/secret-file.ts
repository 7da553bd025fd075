/**
 * Reads the bind password from its own file, so that the site config (which
 * many may read) never holds it. The file must be one only the hub can read
 * and nobody else can change: a regular file owned by root or by the account
 * running the hub, with no permission bits for others and no group write.
 * Group read is allowed, so root can own the file and give it to the hub's
 * group (mode 0640 root:isobar), as the test bed does.
 */
import { readFileSync, statSync } from 'node:fs';

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : String(err);
}

/** What is wrong with the file's ownership and mode; empty when nothing is. */
export function secretFileProblem(mode: number, owner: number, runningAs: number): string | undefined {
  if (owner !== 0 && owner !== runningAs) return `is owned by uid ${owner}; it must belong to root or to the account running the hub`;
  if ((mode & 0o007) !== 0) return `is accessible to others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); run chmod o-rwx on it`;
  if ((mode & 0o020) !== 0) return `is writable by its group (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); run chmod g-w on it`;
  return undefined;
}

/** The secret, without the trailing newline an editor or `echo` leaves; throws an Error whose message completes "bindPasswordFile: <path> ...". */
export function readSecretFile(path: string, runningAs: number = process.geteuid?.() ?? 0): string {
  let stats;
  try {
    stats = statSync(path);
  } catch (err) {
    throw new Error(`cannot read ${path} (${codeOf(err)})`);
  }
  if (!stats.isFile()) throw new Error(`${path} is not a regular file`);
  const problem = secretFileProblem(stats.mode, stats.uid, runningAs);
  if (problem !== undefined) throw new Error(`${path} ${problem}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${path} (${codeOf(err)})`);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '') throw new Error(`${path} is empty`);
  return secret;
}
