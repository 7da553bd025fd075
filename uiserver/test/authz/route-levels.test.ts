import assert from 'node:assert/strict';
import { ACCESS_PATH } from '../../src/authz/access-answer';
import { PERMISSIONS_PATH } from '../../src/authz/index';
import { canonicalOperation, levelOf } from '../../src/authz/lib';
import { GRAPHQL_PATH } from '../../src/graphql/http';

/** Every path the UI server answers below its prefix (routes.ts, logs/routes.ts, authz, graphql, page sockets, static assets). */
const ROUTES = [
  '',
  'api/whoami',
  'api/status',
  'api/ws',
  GRAPHQL_PATH,
  'api/logs/files',
  'api/logs/file',
  PERMISSIONS_PATH,
  ACCESS_PATH,
  'static/app.js',
];

describe("the UI server's routes in the level table", () => {
  for (const route of ROUTES) {
    it(`${route || '(the page)'} maps to exactly one level`, () => {
      assert.notEqual(canonicalOperation(route), undefined, `${route} is not in the table: it would be denied`);
      assert.equal(levelOf(route), 'read');
    });
  }

  it('an unknown route maps to nothing, so it is denied', () => {
    assert.equal(levelOf('api/admin'), undefined);
  });
});
