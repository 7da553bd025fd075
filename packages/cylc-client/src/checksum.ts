/**
 * The data-store checksum of cylc-flow 8.0.2 (`generate_checksum` and
 * `apply_delta_checksum` in cylc/flow/data_store_mgr.py):
 * `zlib.adler32(''.join(sorted(strings)).encode()) & 0xffffffff`, where the
 * strings are each held element's `stamp` (`id` for edges, which have no
 * stamp). A stamp changes with every update (`<id>@<time>`), so the checksum
 * catches missed updates as well as missed additions and prunings.
 */
import type { DataElement, ElementType } from './data-messages';

const ADLER_MOD = 65521;
/** Bytes that can be summed before `b` could pass 2^53 (zlib's NMAX is for 32-bit sums; JS numbers allow far more). */
const CHUNK = 1 << 20;

/** zlib's adler32 of `bytes` (starting value 1), as an unsigned 32-bit number. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      a += bytes[i] ?? 0;
      b += a;
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Python's `generate_checksum(strings)`. Python sorts str by code point,
 * which is the order of their UTF-8 bytes (JS's default sort compares UTF-16
 * units and differs for characters beyond U+FFFF).
 */
export function generateChecksum(strings: Iterable<string>): number {
  const encoded = [...strings].map((s) => Buffer.from(s, 'utf8'));
  encoded.sort(Buffer.compare);
  return adler32(Buffer.concat(encoded));
}

/**
 * The checksum the scheduler puts on a delta of `type`, computed over the
 * elements held. An unset stamp counts as '' (protobuf's getattr default).
 */
export function elementsChecksum(type: ElementType, elements: Iterable<DataElement>): number {
  const field = type === 'edges' ? 'id' : 'stamp';
  const strings: string[] = [];
  for (const element of elements) strings.push(element[field] ?? '');
  return generateChecksum(strings);
}
