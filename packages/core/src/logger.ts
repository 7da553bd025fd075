/**
 * A tiny line logger. One line per event on stderr, so that the hub (which
 * captures managed services' stderr) and journald keep each event whole:
 *
 *   2026-11-26T15:00:00.000Z INFO [spawner] spawned user=alice host=host-b
 *
 * Fields whose names look like credentials are always redacted: a log line is
 * not a safe place for a hub token, whatever the caller passed.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** Overrides ISOBAR_LOG_LEVEL. "silent" logs nothing (tests). */
  readonly level?: LogLevel | 'silent';
  /** Where lines go (each without its newline); stderr by default. */
  readonly write?: (line: string) => void;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

const SEVERITY: Readonly<Record<LogLevel | 'silent', number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

const REDACTED = '[redacted]';

/** Matches token, hubToken, oauth_client_secret, PASSWORD, ... */
const SECRET_NAME = /token|secret|password/i;

function isLevel(value: string): value is LogLevel | 'silent' {
  return Object.prototype.hasOwnProperty.call(SEVERITY, value);
}

/** The level named by ISOBAR_LOG_LEVEL; an unknown name falls back to info rather than stopping a service. */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel | 'silent' {
  const name = (env.ISOBAR_LOG_LEVEL ?? '').trim().toLowerCase();
  return isLevel(name) ? name : 'info';
}

/** JSON.stringify replacer that redacts credentials at any depth and keeps Errors readable. */
function redactingReplacer(key: string, value: unknown): unknown {
  if (key !== '' && SECRET_NAME.test(key)) return REDACTED;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function formatValue(key: string, value: unknown): string {
  if (SECRET_NAME.test(key)) return REDACTED;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Error) text = value.message;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (value === undefined) text = 'undefined';
  else text = JSON.stringify(value, redactingReplacer) ?? String(value);
  // Quote what would otherwise break "key=value key=value" apart or read as quoted already.
  return text === '' || /\s/.test(text) || text.startsWith('"') ? JSON.stringify(text) : text;
}

/** Keeps one event on one line even when a message carries a stack or output. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}

export function formatLogLine(time: Date, level: LogLevel, component: string, message: string, fields?: LogFields): string {
  let line = `${time.toISOString()} ${level.toUpperCase()} [${component}] ${oneLine(message)}`;
  if (fields !== undefined) {
    for (const [key, value] of Object.entries(fields)) {
      line += ` ${key}=${oneLine(formatValue(key, value))}`;
    }
  }
  return line;
}

export function createLogger(component: string, options: LoggerOptions = {}): Logger {
  const threshold = SEVERITY[options.level ?? levelFromEnv()];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const log =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (SEVERITY[level] < threshold) return;
      write(formatLogLine(now(), level, component, message, fields));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
