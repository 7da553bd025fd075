import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { StaticAssets, findPublicDir } from '../src/static-assets';

describe('static assets', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobar-assets-'));
    mkdirSync(join(dir, 'public'));
    writeFileSync(join(dir, 'public', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'public', 'app.css'), 'body{}');
    writeFileSync(join(dir, 'public', 'notes.txt'), 'not served');
    writeFileSync(join(dir, 'secret.js'), 'outside');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the built UI next to the bundle or above compiled sources', () => {
    assert.equal(findPublicDir(dir), join(dir, 'public'));
    assert.equal(findPublicDir(join(dir, 'public')), join(dir, 'public'));
    assert.equal(findPublicDir(join(dir, 'public', 'deeper', 'nowhere')), undefined);
  });

  it('serves only the files it found at start, with their types', async () => {
    const assets = new StaticAssets(join(dir, 'public'));
    assert.equal(assets.hasApp, true);
    const app = express();
    app.use((req, res, next) => {
      res.locals.relPath = decodeURIComponent(req.path.slice(1));
      next();
    });
    app.use(assets.handler());
    app.use((_req, res) => void res.status(404).send('no'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const js = await fetch(`${base}static/app.js`);
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type') ?? '', /text\/javascript/);
      assert.equal(await js.text(), 'console.log(1)');
      assert.match((await fetch(`${base}static/app.css`)).headers.get('content-type') ?? '', /text\/css/);
      for (const path of ['static/notes.txt', 'static/..%2Fsecret.js', 'static/', 'app.js']) {
        assert.equal((await fetch(`${base}${path}`)).status, 404, path);
      }
      assert.equal((await fetch(`${base}static/app.js`, { method: 'POST' })).status, 404);
    } finally {
      server.close();
    }
  });

  it('without a built UI there is no app', () => {
    assert.equal(new StaticAssets(undefined).hasApp, false);
  });
});
