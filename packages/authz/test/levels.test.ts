import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalOperation, levelOf, OPERATION_LEVELS, SCHEMA_MUTATIONS, snakeCase } from '../src/levels';
import { ALIASES, parsePermission } from '../src/permissions';

/** Top-level field names of one root type in the UI server's SDL. */
function fieldsOf(sdl: string, type: string): string[] {
  const start = sdl.indexOf(`type ${type} {`);
  assert.ok(start >= 0, `no type ${type} in the schema`);
  const body = sdl.slice(start, sdl.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}([a-zA-Z]+)\(/gm)].map((match) => match[1] ?? '');
}

describe('levels: the operation table', () => {
  const sdl = readFileSync(join(__dirname, '..', '..', '..', '..', 'uiserver', 'src', 'graphql', 'sdl.ts'), 'utf8');

  it('maps every GraphQL query and subscription field of the UI server to read', () => {
    const fields = [...fieldsOf(sdl, 'Queries'), ...fieldsOf(sdl, 'Subscriptions')];
    assert.ok(fields.length >= 14);
    for (const field of fields) assert.equal(levelOf(field), 'read', field);
  });

  it('maps every mutation of the UI server to execute or write, and lists them all', () => {
    const fields = fieldsOf(sdl, 'Mutations');
    assert.deepEqual(new Set(fields.map(snakeCase)), new Set(SCHEMA_MUTATIONS));
    for (const field of fields) assert.notEqual(levelOf(field), undefined, field);
    for (const field of fields) assert.notEqual(levelOf(field), 'read', field);
  });

  const cases: [string, string | undefined][] = [
    ['hold', 'execute'],
    ['setOutputs', 'execute'],
    ['set_outputs', 'execute'],
    ['play', 'execute'],
    ['releaseHoldPoint', 'execute'],
    ['broadcast', 'write'],
    ['reload', 'write'],
    ['edit_trigger', 'write'],
    ['extTrigger', 'execute'],
    ['setGraphWindowExtent', 'execute'],
    ['taskProxies', 'read'],
    ['graphql', 'read'],
    ['api/logs/file', 'read'],
    ['api/logs/files', 'read'],
    ['', 'read'],
    ['api/admin', undefined],
    ['dropDatabase', undefined],
    ['api/logs', undefined],
  ];
  for (const [operation, level] of cases) {
    it(`${JSON.stringify(operation)} needs ${level ?? 'nothing known: denied'}`, () => assert.equal(levelOf(operation), level));
  }

  it('names routes below a pattern by the pattern', () => assert.equal(canonicalOperation('api/logs/file'), 'api/logs/*'));

  it("spells Cylc UI server's aliases as Cylc does", () => {
    assert.deepEqual(new Set(ALIASES.ALL), new Set(Object.keys(OPERATION_LEVELS)));
    assert.ok(ALIASES.CONTROL?.includes('play') && ALIASES.CONTROL.includes('clean') && ALIASES.CONTROL.includes('reload'));
    assert.ok(!ALIASES.CONTROL?.includes('broadcast'));
    assert.ok(ALIASES.READ?.every((operation) => OPERATION_LEVELS[operation] === 'read'));
  });

  it('reads negations, levels and misspellings', () => {
    assert.deepEqual(parsePermission('!stop'), { ok: true, permission: { negated: true, operations: ['stop'] } });
    const execute = parsePermission('execute');
    assert.ok(execute.ok && execute.permission.operations.includes('hold') && !execute.permission.operations.includes('broadcast'));
    const typo = parsePermission('stpo');
    assert.ok(!typo.ok && typo.message.includes('did you mean "stop"'));
  });
});
