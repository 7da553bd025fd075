#!/usr/bin/env node
/**
 * isobar-audit-verify: checks a hash-chained audit file.
 *
 *   audit-verify FILE [--expect-last-seq N]
 *
 * Prints `FILE: ok: N records, last hash H` and exits 0, or names the first
 * broken line (`FILE:LINE: seq S: why: message`) and exits 1, as it does when
 * the file cannot be read. Exit 2 for a usage error, as the explain command.
 */
import { parseArgs } from 'node:util';
import { verifyChain } from '../audit/verify-chain';

const USAGE = 'usage: audit-verify FILE [--expect-last-seq N]';

async function main(argv: readonly string[]): Promise<number> {
  let file: string | undefined;
  let expectLastSeq: number | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { 'expect-last-seq': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new Error('give exactly one file');
    file = positionals[0];
    const expected = values['expect-last-seq'];
    if (expected !== undefined) {
      if (!/^\d+$/.test(expected)) throw new Error('--expect-last-seq takes a whole number');
      expectLastSeq = Number(expected);
    }
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  if (file === undefined) return 2;
  try {
    const verdict = await verifyChain(file, expectLastSeq === undefined ? {} : { expectLastSeq });
    if (verdict.ok) {
      process.stdout.write(`${file}: ok: ${verdict.records} records, last hash ${verdict.lastHash}\n`);
      return 0;
    }
    const seq = verdict.seq === undefined ? 'seq ?' : `seq ${verdict.seq}`;
    process.stdout.write(`${file}:${verdict.line}: ${seq}: ${verdict.why}: ${verdict.message}\n`);
    return 1;
  } catch (err) {
    process.stdout.write(`${file}: cannot be verified: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 2;
  },
);
