import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { characterStart, type OpenLogFile } from './log-file';

/**
 * Answer a log file as text from `offset`, or its last `backlogBytes`
 * (starting at a character boundary). `X-Log-Size` is the size when it
 * was opened and `X-Log-Offset` where the text starts, so a client can ask
 * for what follows. Takes ownership of the open file.
 */
export async function sendLogText(
  req: Request,
  res: Response,
  file: OpenLogFile,
  offset: number | undefined,
  backlogBytes: number,
): Promise<void> {
  let streaming = false;
  try {
    const { size, handle } = file;
    const start = offset !== undefined ? Math.min(offset, size) : await characterStart(handle, Math.max(0, size - backlogBytes), size);
    res.status(200);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('X-Log-Size', String(size));
    res.setHeader('X-Log-Offset', String(start));
    if (req.method === 'HEAD' || start >= size) {
      res.end();
      return;
    }
    // No Content-Length: should the file shrink meanwhile, the answer is just shorter.
    const stream = handle.createReadStream({ start, end: size - 1, autoClose: true });
    streaming = true;
    await pipeline(stream, res);
  } catch (err) {
    // The client went away mid-answer: nothing to report.
    if (res.destroyed) return;
    throw err;
  } finally {
    // pipeline closes the stream, which closes the file.
    if (!streaming) await file.handle.close();
  }
}
