/**
 * CURVE keys of a run, in `<run>/.service/`: `client.key_secret` (the client's
 * key pair) and `server.key` (the scheduler's public key). ZeroMQ certificate
 * text with `public-key = "…"` / `secret-key = "…"` lines, keys in Z85 (40 chars).
 * Mode 0600: only the owner (or root) can read them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyFileError } from './errors';
import { errorMessage } from './fs-util';

export interface CurveKeys {
  readonly publicKey: string;
  readonly secretKey: string;
  readonly serverKey: string;
}

export const CLIENT_KEY_FILE = join('.service', 'client.key_secret');
export const SERVER_KEY_FILE = join('.service', 'server.key');

const Z85_KEY = /^[0-9a-zA-Z.\-:+=^!/*?&<>()[\]{}@%$#]{40}$/;

/** Reads `name = "value"` from certificate text; undefined if absent. */
export function certificateField(text: string, name: string, file: string): string | undefined {
  let found: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*([a-z-]+)\s*=\s*"(.*)"\s*$/.exec(line);
    if (m === null || m[1] !== name) continue;
    const value = m[2] ?? '';
    if (!Z85_KEY.test(value)) throw new KeyFileError(file, `${name} is not a 40-character Z85 key`);
    found = value;
  }
  return found;
}

function required(text: string, name: string, file: string): string {
  const value = certificateField(text, name, file);
  if (value === undefined) throw new KeyFileError(file, `no ${name}`);
  return value;
}

export function parseClientCertificate(text: string, file: string): { publicKey: string; secretKey: string } {
  return { publicKey: required(text, 'public-key', file), secretKey: required(text, 'secret-key', file) };
}

export function parseServerCertificate(text: string, file: string): string {
  return required(text, 'public-key', file);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new KeyFileError(file, `cannot read: ${errorMessage(err)}`);
  }
}

/** Reads the client key pair and the server's public key of a run directory. */
export async function readCurveKeys(runDir: string): Promise<CurveKeys> {
  const clientFile = join(runDir, CLIENT_KEY_FILE);
  const serverFile = join(runDir, SERVER_KEY_FILE);
  // One after the other, so a missing directory always reports the same file.
  const clientText = await readText(clientFile);
  const serverText = await readText(serverFile);
  return {
    ...parseClientCertificate(clientText, clientFile),
    serverKey: parseServerCertificate(serverText, serverFile),
  };
}
