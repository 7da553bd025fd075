/**
 * Turns a failed lookup into one line a person can read in the UI, saying
 * which kind of failure it was (unreachable, refused credentials, timed out)
 * without stack traces or anything secret.
 */
import { InvalidCredentialsError, ResultCodeError } from 'ldapts';
import { DeadlineError } from './directory';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
]);

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** ldapts' result errors often carry only " Code: 0x20"; their class says more: NoSuchObjectError → "no such object". */
function resultText(err: ResultCodeError): string {
  const text = firstLine(err.message)
    .replace(/\s*Code: 0x[0-9a-f]+/gi, '')
    .trim();
  if (text !== '') return text;
  return err.constructor.name
    .replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

export function failureMessage(err: unknown, url: string, bindDN: string | undefined): string {
  if (err instanceof DeadlineError) return `LDAP timed out: ${url} gave ${err.message}`;
  if (err instanceof InvalidCredentialsError) return `LDAP bind refused for ${bindDN ?? 'anonymous'}: invalid credentials`;
  if (err instanceof ResultCodeError) return `LDAP error from ${url}: ${resultText(err)} (result code ${err.code})`;
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? firstLine(err.message) : String(err);
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return `LDAP unreachable: ${url}: ${message}`;
  if (message === 'Connection timeout') return `LDAP unreachable: ${url}: no connection within the connect timeout`;
  if (/timed out/i.test(message)) return `LDAP timed out: ${url}: ${message}`;
  if ((typeof code === 'string' && code.startsWith('ERR_TLS')) || /certificate|self.signed|TLS/i.test(message)) {
    return `LDAP TLS failed: ${url}: ${message}`;
  }
  return `LDAP error from ${url}: ${message}`;
}
