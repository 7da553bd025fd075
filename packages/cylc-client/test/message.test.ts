import assert from 'node:assert/strict';
import { InvalidReplyError, SchedulerError, decodeJsonReply, encodeRequest, validateGraphQLData } from '../src';

describe('request/reply messages', () => {
  it('encodes the request as Cylc expects', () => {
    const text = encodeRequest({
      command: 'graphql',
      args: { request_string: '{ workflows { id } }', variables: {} },
      meta: { prog: 'isobar', host: 'h', comms_method: 'zmq', auth_user: 'jacintar' },
    });
    assert.deepEqual(JSON.parse(text), {
      command: 'graphql',
      args: { request_string: '{ workflows { id } }', variables: {} },
      meta: { prog: 'isobar', host: 'h', comms_method: 'zmq', auth_user: 'jacintar' },
    });
  });

  it('returns data, throws the scheduler error, refuses nonsense', () => {
    assert.deepEqual(decodeJsonReply(Buffer.from('{"data": {"a": 1}}')), { a: 1 });
    assert.throws(
      () => decodeJsonReply(Buffer.from('{"error": {"message": "No method by the name \\"x\\"", "traceback": "…"}}')),
      (err: unknown) => err instanceof SchedulerError && err.code === 'SCHEDULER_ERROR' && err.message === 'No method by the name "x"',
    );
    assert.throws(() => decodeJsonReply(Buffer.from('\x08\x01')), InvalidReplyError);
    assert.throws(() => decodeJsonReply(Buffer.from('[1]')), /not a JSON object/);
    assert.throws(() => decodeJsonReply(Buffer.from('{"x": 1}')), /neither "data" nor "error"/);
  });

  it('validates GraphQL data in the three shapes the 8.0 scheduler uses', () => {
    assert.deepEqual(validateGraphQLData({ workflows: [] }), { workflows: [] });
    assert.throws(
      () => validateGraphQLData(['Cannot query field "nope" on type "Queries".', { error: { message: 'boom', traceback: [] } }]),
      (err: unknown) =>
        err instanceof SchedulerError &&
        err.message === 'GraphQL: Cannot query field "nope" on type "Queries".; boom' &&
        err.messages.length === 2,
    );
    assert.throws(() => validateGraphQLData('ERROR: GraphQL execution error \nboom'), /^SchedulerError: ERROR: GraphQL execution error/);
    assert.throws(() => validateGraphQLData(null), InvalidReplyError);
  });
});
