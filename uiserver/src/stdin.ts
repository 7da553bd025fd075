import type { Readable } from 'node:stream';
import { StdinError } from './startup-errors';

/** The launch document is a few KiB; a mebibyte means something is wrong. */
export const STDIN_LIMIT_BYTES = 1024 * 1024;
/** The launcher writes the document at once; waiting forever would hide a broken launcher. */
export const STDIN_TIMEOUT_MS = 30_000;

/** Read `stream` to EOF as UTF-8, refusing more than `limitBytes`. */
export function readToEnd(stream: Readable, limitBytes = STDIN_LIMIT_BYTES, timeoutMs = STDIN_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (err: StdinError | undefined): void => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      if (err) {
        stream.destroy();
        reject(err);
        return;
      }
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new StdinError('stdin is not valid UTF-8'));
      }
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > limitBytes) finish(new StdinError(`stdin is larger than ${limitBytes} bytes`));
      else chunks.push(buf);
    };
    const onEnd = (): void => finish(undefined);
    const onError = (err: Error): void => finish(new StdinError(`cannot read stdin: ${err.message}`));
    const timer = setTimeout(() => finish(new StdinError(`stdin did not reach EOF within ${timeoutMs / 1000} s`)), timeoutMs);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
