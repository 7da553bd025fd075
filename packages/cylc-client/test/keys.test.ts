import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyFileError, parseClientCertificate, parseServerCertificate, readCurveKeys } from '../src';
import { useTmpDir } from './tmpdir';

const PUBLIC = 'Q%83yfYxF*O5wHLrKBCHat7b<^dl!*kxI$2nG-P@';
const SECRET = 'w7$p*{B)^?O#6SV2t6=A5toRW9/@[-/xFSNp6gT[';
const SERVER = 'rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7';

export const CLIENT_CERT = `#   ****  Generated on 2026-11-26 16:32:54.155862 by pyzmq  ****
#   ZeroMQ CURVE **Secret** Certificate
#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

metadata
curve
    public-key = "${PUBLIC}"
    secret-key = "${SECRET}"
`;
const SERVER_CERT = `#   ZeroMQ CURVE Public Certificate

metadata
curve
    public-key = "${SERVER}"
`;

describe('CURVE key files', () => {
  const tmp = useTmpDir();

  it('parses the client key pair and the server public key', () => {
    assert.deepEqual(parseClientCertificate(CLIENT_CERT, 'f'), { publicKey: PUBLIC, secretKey: SECRET });
    assert.equal(parseServerCertificate(SERVER_CERT, 'f'), SERVER);
  });

  it('refuses a missing or malformed key, naming the file', () => {
    assert.throws(
      () => parseClientCertificate(SERVER_CERT, '/r/.service/client.key_secret'),
      (err: unknown) =>
        err instanceof KeyFileError && err.code === 'KEYS_INVALID' && err.message === '/r/.service/client.key_secret: no secret-key',
    );
    assert.throws(() => parseServerCertificate('    public-key = "short"\n', 'f'), /f: public-key is not a 40-character Z85 key/);
    assert.throws(() => parseServerCertificate('', 'f'), /f: no public-key/);
  });

  it('reads both files of a run directory', async () => {
    const run = tmp();
    await assert.rejects(readCurveKeys(run), /client\.key_secret: cannot read: ENOENT/);
    await mkdir(join(run, '.service'));
    await writeFile(join(run, '.service', 'client.key_secret'), CLIENT_CERT, { mode: 0o600 });
    await writeFile(join(run, '.service', 'server.key'), SERVER_CERT, { mode: 0o600 });
    assert.deepEqual(await readCurveKeys(run), { publicKey: PUBLIC, secretKey: SECRET, serverKey: SERVER });
  });
});
