/**
 * One line per event on stderr. stdout belongs to the launcher protocol and
 * is never written here. Registered secrets are masked as a last line of
 * defence: no code path should log them, but a hub error message echoing a
 * request must not leak a token either.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface LogSink {
  write(line: string): unknown;
}

export class Logger {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly sink: LogSink,
    private readonly name = 'uiserver',
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Never print `secret`, even inside another message. */
  addSecret(secret: string): void {
    // Masking very short strings would shred ordinary words.
    if (secret.length >= 8) this.secrets.add(secret);
  }

  debug(message: string, fields?: LogFields): void {
    if (process.env['ISOBAR_DEBUG']) this.emit('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.emit('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.emit('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.emit('error', message, fields);
  }

  private emit(level: LogLevel, message: string, fields: LogFields = {}): void {
    const parts = [this.now().toISOString(), level.toUpperCase(), `${this.name}[${process.pid}]:`, message];
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) parts.push(`${key}=${formatValue(value)}`);
    }
    // One event, one line, whatever the message contained.
    const line = this.mask(parts.join(' ')).replace(/[\r\n]+/g, ' ');
    try {
      this.sink.write(`${line}\n`);
    } catch {
      // A closed stderr must not take the server down.
    }
  }

  private mask(text: string): string {
    let masked = text;
    for (const secret of this.secrets) masked = masked.split(secret).join('[secret]');
    return masked;
  }
}

function formatValue(value: string | number | boolean): string {
  const text = String(value);
  return /^[^\s"=]*$/.test(text) && text !== '' ? text : JSON.stringify(text);
}
