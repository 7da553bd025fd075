/**
 * Restores map fields in a schema built from a FileDescriptorProto.
 * protobufjs's descriptor loader keeps `map<string, V>` fields as repeated
 * `…Entry {key, value}` messages (wire-compatible, but decoded as lists of
 * pairs, and it misplaces the `map_entry` option on the parent type). Real
 * map fields decode to objects keyed by name, and merge by key as Cylc's
 * own (Python) store does.
 */
import type { INamespace } from 'protobufjs';

type Json = Record<string, unknown>;

function isJson(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isMapEntry(type: unknown): type is Json & { fields: { key: Json; value: Json } } {
  if (!isJson(type) || !isJson(type['options']) || type['options']['map_entry'] !== true) return false;
  const fields = type['fields'];
  return isJson(fields) && isJson(fields['key']) && isJson(fields['value']) && Object.keys(fields).length === 2;
}

function convertType(fullName: string, type: Json): Json {
  const nested = isJson(type['nested']) ? type['nested'] : {};
  const entries = new Map<string, Json & { fields: { key: Json; value: Json } }>();
  const keptNested: Json = {};
  for (const [name, child] of Object.entries(nested)) {
    if (isMapEntry(child)) entries.set(`${fullName}.${name}`, child);
    else keptNested[name] = isJson(child) && isJson(child['fields']) ? convertType(`${fullName}.${name}`, child) : child;
  }
  const fields: Json = {};
  for (const [name, field] of Object.entries(isJson(type['fields']) ? type['fields'] : {})) {
    const entry = isJson(field) && typeof field['type'] === 'string' ? entries.get(field['type']) : undefined;
    if (isJson(field) && entry !== undefined) {
      fields[name] = { keyType: entry.fields.key['type'], type: entry.fields.value['type'], id: field['id'] };
    } else {
      fields[name] = field;
    }
  }
  const out: Json = { ...type, fields };
  if (Object.keys(keptNested).length > 0) out['nested'] = keptNested;
  else delete out['nested'];
  // Only entry types are map entries; the loader copies the option to their parent.
  if (isJson(out['options'])) {
    const options: Json = { ...out['options'] };
    delete options['map_entry'];
    if (Object.keys(options).length > 0) out['options'] = options;
    else delete out['options'];
  }
  return out;
}

/** Rewrites `repeated …Entry` fields of every message type as map fields. */
export function withMapFields(schema: INamespace): INamespace {
  const nested: Json = {};
  for (const [name, type] of Object.entries(schema.nested ?? {})) {
    nested[name] = isJson(type) && isJson(type['fields']) ? convertType(`.${name}`, type) : type;
  }
  return { ...schema, nested } as INamespace;
}
