import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, extendSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { MUTATIONS, TASK_OUTPUTS_QUERY, workflowDetailSubscription, workflowListSubscription } from '../../web/src/model/documents';

// Compiled to dist/test/web; the schema file stays in the source tree.
const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'test', 'web', 'cylc-8.0.2-schema.graphql');

/** Cylc 8.0.2's schema plus what the UI server adds: `reset` on deltas and the local `play`. */
function serverSchema(): GraphQLSchema {
  const cylc = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  return extendSchema(
    cylc,
    parse(`
      extend type Deltas { reset: Boolean }
      type Play { result: GenericScalar }
      extend type Mutations { play(workflows: [ID]!): Play }
    `),
  );
}

describe('web GraphQL documents', () => {
  const schema = serverSchema();

  function assertValid(document: string): void {
    const errors = validate(schema, parse(document));
    assert.deepEqual(
      errors.map((e) => e.message),
      [],
      document,
    );
  }

  it('subscribes to the workflow list with Cylc field names', () => {
    const doc = workflowListSubscription('alice');
    assertValid(doc);
    assert.match(doc, /deltas\(workflows: \["~alice\/\*"\]\)/);
  });

  it('subscribes to workflow detail, quoting IDs as GraphQL strings', () => {
    assertValid(workflowDetailSubscription(['~alice/clouds/run1', '~alice/winds']));
    const tricky = workflowDetailSubscription(['~alice/a"b\\c']);
    assertValid(tricky);
    assert.ok(tricky.includes('"~alice/a\\"b\\\\c"'));
  });

  it('reads task outputs with a valid query', () => {
    assertValid(TASK_OUTPUTS_QUERY);
  });

  for (const [name, doc] of Object.entries(MUTATIONS)) {
    it(`mutation ${name} matches Cylc 8.0.2's argument types`, () => {
      assertValid(doc);
      assert.ok(doc.includes(`${name}(workflows: $workflows`), doc);
    });
  }

  it('rejects a nullable tasks variable, as the server will', () => {
    const errors = validate(schema, parse('mutation($w:[WorkflowID]!,$t:[NamespaceIDGlob]){ hold(workflows:$w, tasks:$t){ result } }'));
    assert.equal(errors.length, 1);
  });
});
