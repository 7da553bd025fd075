/**
 * The checked-in schema against the INSTALLED Cylc (Debian's cylc-flow):
 * needs /usr/lib/python3/dist-packages/cylc and /usr/bin/python3 with
 * google.protobuf, as the test bed provides (test/bed/cylc.sh install).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as protobuf from 'protobufjs';
import { DEBIAN_PB2_FILE, dataMessagesRoot, decodePythonBytesLiteral, extractSerializedDescriptor } from '../src';
import { DATA_MESSAGES_SCHEMA } from '../src/data-messages-schema';
import { loadPb2SchemaJson } from '../src/pb2-descriptor';

const REGENERATE = 'schema drift: regenerate with node packages/cylc-client/dist/scripts/generate-schema.js';

/** What Python itself says about each message: field name → [number, label, type]. */
const PY_FIELDS = `
import json
from cylc.flow import data_messages_pb2 as m
out = {}
for name, d in m.DESCRIPTOR.message_types_by_name.items():
    out[name] = {f.name: [f.number, 'map' if f.message_type and f.message_type.GetOptions().map_entry else f.label,
                 f.message_type.name if f.message_type else f.type] for f in d.fields}
print(json.dumps(out))
`;

/** FieldDescriptor.TYPE_* numbers of the scalar types Cylc's schema uses. */
const SCALAR_TYPES: Record<number, string> = {
  1: 'double',
  2: 'float',
  3: 'int64',
  4: 'uint64',
  5: 'int32',
  8: 'bool',
  9: 'string',
  12: 'bytes',
  13: 'uint32',
};

async function python(code: string): Promise<string> {
  const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', code], {
    env: { PYTHONPATH: '/usr/lib/python3/dist-packages' },
    maxBuffer: 1 << 24,
  });
  return stdout;
}

describe('protobuf schema', () => {
  it('decodes Python bytes literals', () => {
    assert.deepEqual(
      decodePythonBytesLiteral(String.raw`a\x00\xff\n\t\r\'\"\\\0\177z`),
      Buffer.from([0x61, 0, 0xff, 10, 9, 13, 0x27, 0x22, 0x5c, 0, 0x7f, 0x7a]),
    );
    assert.throws(() => decodePythonBytesLiteral(String.raw`\q`), SyntaxError);
    assert.throws(() => decodePythonBytesLiteral(String.raw`\x4`), SyntaxError);
  });

  it('finds the literal in old and new protoc output', () => {
    assert.deepEqual(extractSerializedDescriptor(`x = D(serialized_pb=b'\\n\\x01a', y=1)`, 'f'), Buffer.from([10, 1, 0x61]));
    assert.deepEqual(extractSerializedDescriptor(`D = P().AddSerializedFile(b'\\x0a\\'')`, 'f'), Buffer.from([10, 0x27]));
    assert.throws(() => extractSerializedDescriptor('nothing here', 'f.py'), /f\.py: no serialized descriptor/);
  });

  describe('against the installed Cylc', function () {
    this.timeout(20_000);

    it('extracts exactly the bytes Python has as DESCRIPTOR.serialized_pb', async () => {
      const fromPython = Buffer.from(
        (
          await python(
            'import base64; from cylc.flow import data_messages_pb2 as m; print(base64.b64encode(m.DESCRIPTOR.serialized_pb).decode())',
          )
        ).trim(),
        'base64',
      );
      const fromNode = extractSerializedDescriptor(await readFile(DEBIAN_PB2_FILE, 'latin1'), DEBIAN_PB2_FILE);
      assert.ok(fromPython.length > 1000);
      assert.ok(fromNode.equals(fromPython));
    });

    it('the checked-in schema equals the installed descriptor', async () => {
      assert.deepEqual(DATA_MESSAGES_SCHEMA, await loadPb2SchemaJson(), REGENERATE);
    });

    it('has every message and field Python has, with the same numbers, labels and types', async () => {
      const py = JSON.parse(await python(PY_FIELDS)) as Record<string, Record<string, [number, number | 'map', string | number]>>;
      const root = dataMessagesRoot();
      assert.ok(Object.keys(py).includes('AllDeltas') && Object.keys(py).includes('PbEntireWorkflow'));
      for (const [message, fields] of Object.entries(py)) {
        const type = root.lookupType(message);
        assert.deepEqual(type.fieldsArray.map((f) => f.name).sort(), Object.keys(fields).sort(), `${message}: ${REGENERATE}`);
        for (const [name, [number, label, pyType]] of Object.entries(fields)) {
          const field = type.fields[name];
          assert.ok(field);
          const where = `${message}.${name}: ${REGENERATE}`;
          assert.equal(field.id, number, where);
          if (label === 'map') assert.ok(field instanceof protobuf.MapField, where);
          else assert.equal(field.repeated, label === 3, where);
          if (label === 'map') continue;
          if (typeof pyType === 'string') assert.equal(field.resolve().resolvedType?.name, pyType, where);
          else assert.equal(field.type, SCALAR_TYPES[pyType] ?? `TYPE_${pyType}`, where);
        }
      }
    });
  });
});
