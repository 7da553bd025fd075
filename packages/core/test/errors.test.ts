import assert from 'node:assert/strict';
import {
  BadRequestError,
  ConfigError,
  ForbiddenError,
  IsobarError,
  NotFoundError,
  PluginError,
  UnauthorizedError,
  httpStatusOf,
} from '../src/errors';

describe('errors', () => {
  it('gives each class its stable code and status', () => {
    const cases: [IsobarError, string, number][] = [
      [new ConfigError('x'), 'CONFIG_INVALID', 500],
      [new PluginError('PLUGIN_UNKNOWN', 'x'), 'PLUGIN_UNKNOWN', 500],
      [new PluginError('PLUGIN_BROKEN', 'x'), 'PLUGIN_BROKEN', 500],
      [new BadRequestError('x'), 'BAD_REQUEST', 400],
      [new UnauthorizedError('x'), 'UNAUTHORIZED', 401],
      [new ForbiddenError('x'), 'FORBIDDEN', 403],
      [new NotFoundError('x'), 'NOT_FOUND', 404],
    ];
    for (const [error, code, status] of cases) {
      assert.ok(error instanceof Error);
      assert.ok(error instanceof IsobarError);
      assert.equal(error.code, code);
      assert.equal(error.httpStatus, status);
      assert.equal(error.name, error.constructor.name);
    }
  });

  it('keeps the cause', () => {
    const cause = new Error('root');
    assert.equal(new PluginError('PLUGIN_BROKEN', 'x', { cause }).cause, cause);
  });

  it('maps errors to HTTP status in one place', () => {
    assert.equal(httpStatusOf(new BadRequestError('bad')), 400);
    assert.equal(httpStatusOf(new UnauthorizedError('who')), 401);
    assert.equal(httpStatusOf(new ConfigError('bad')), 500);
    assert.equal(httpStatusOf(new Error('bug')), 500);
    assert.equal(httpStatusOf('a string'), 500);
    assert.equal(httpStatusOf(undefined), 500);
    // body-parser / http-errors style
    assert.equal(httpStatusOf(Object.assign(new Error('bad json'), { status: 400 })), 400);
    assert.equal(httpStatusOf({ statusCode: 413 }), 413);
    // Nonsense statuses are not trusted.
    assert.equal(httpStatusOf({ status: 200 }), 500);
    assert.equal(httpStatusOf({ status: '404' }), 500);
  });
});
