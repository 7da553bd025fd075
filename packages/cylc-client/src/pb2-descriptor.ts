/**
 * Reads the protobuf schema of the installed Cylc from its generated Python
 * module, `cylc/flow/data_messages_pb2.py`: Debian's package ships no
 * `data_messages.proto`, but the module embeds the serialized
 * `FileDescriptorProto` as a Python bytes literal (`serialized_pb=b'…'` from
 * older protoc, `AddSerializedFile(b'…')` from newer). Parsed here in Node, so
 * no Python (and no google.protobuf) is needed at run time.
 */
import { readFile } from 'node:fs/promises';
import type * as protobuf from 'protobufjs';
import { protobufDescriptor } from './lazy-modules';
import { InvalidReplyError } from './errors';
import { withMapFields } from './schema-maps';

/** Where Debian's `cylc-flow` package puts the module. */
export const DEBIAN_PB2_FILE = '/usr/lib/python3/dist-packages/cylc/flow/data_messages_pb2.py';

const LITERAL = /(?:serialized_pb=|AddSerializedFile\()b'((?:[^'\\]|\\.)*)'/s;

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  "'": 0x27,
  '"': 0x22,
  '\\': 0x5c,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  v: 0x0b,
};

/** Decodes the body of a Python `b'…'` literal (ASCII, `\xNN`, octal and one-letter escapes). */
export function decodePythonBytesLiteral(body: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c > 0x7f) throw new SyntaxError(`non-ASCII character in bytes literal at ${i}`);
    if (body[i] !== '\\') {
      out.push(c);
      continue;
    }
    const e = body[++i] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out.push(simple);
    } else if (e === 'x') {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new SyntaxError(`bad \\x escape at ${i}`);
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i, i + 3))?.[0] ?? e;
      out.push(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else {
      throw new SyntaxError(`unknown escape \\${e} at ${i}`);
    }
  }
  return Buffer.from(out);
}

/** The serialized FileDescriptorProto embedded in a `*_pb2.py` module's text. */
export function extractSerializedDescriptor(pythonSource: string, file: string): Buffer {
  const m = LITERAL.exec(pythonSource);
  if (m === null || m[1] === undefined) throw new InvalidReplyError(`${file}: no serialized descriptor found`);
  return decodePythonBytesLiteral(m[1]);
}

interface RootWithDescriptor {
  fromDescriptor(set: protobuf.Message): protobuf.Root;
}

/** Builds a protobufjs Root from serialized FileDescriptorProto bytes. */
export function rootFromSerializedDescriptor(bytes: Uint8Array): protobuf.Root {
  const { protobuf: pb, descriptor } = protobufDescriptor();
  const fileProto = descriptor.FileDescriptorProto.decode(bytes);
  const set = descriptor.FileDescriptorSet.create({ file: [fileProto] });
  // ext/descriptor adds Root.fromDescriptor at run time but not to protobufjs's types.
  return (pb.Root as unknown as RootWithDescriptor).fromDescriptor(set);
}

/**
 * The installed Cylc's schema in protobufjs JSON form, map fields restored:
 * what data-messages-schema.ts holds (scripts/generate-schema.ts writes it).
 */
export async function loadPb2SchemaJson(file: string = DEBIAN_PB2_FILE): Promise<protobuf.INamespace> {
  const text = await readFile(file, 'latin1');
  return withMapFields(rootFromSerializedDescriptor(extractSerializedDescriptor(text, file)).toJSON());
}

/** Loads the schema of the installed Cylc from its `data_messages_pb2.py`, for decoding with it directly. */
export async function loadPb2Schema(file: string = DEBIAN_PB2_FILE): Promise<protobuf.Root> {
  return protobufDescriptor().protobuf.Root.fromJSON(await loadPb2SchemaJson(file));
}
