/**
 * The web UI's built files (`dist/public`, written by Vite), served at
 * `<prefix>static/<name>`. Only files present at start are served, from
 * memory: the bundle is small, and a fixed table means no path from a URL
 * ever reaches the file system.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { RequestHandler } from 'express';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

export class StaticAssets {
  private readonly assets = new Map<string, Asset>();

  constructor(readonly dir: string | undefined) {
    if (dir === undefined) return;
    for (const name of readdirSync(dir)) {
      const type = TYPES[extname(name)];
      const file = join(dir, name);
      if (type === undefined || !statSync(file).isFile()) continue;
      this.assets.set(name, { type, body: readFileSync(file) });
    }
  }

  /** Whether the web UI is there (its entry script was built). */
  get hasApp(): boolean {
    return this.assets.has('app.js');
  }

  /** Serves `static/<name>` from the table; anything else falls through (404). */
  handler(): RequestHandler {
    return (req, res, next) => {
      const relPath = res.locals.relPath ?? '';
      const asset = relPath.startsWith('static/') ? this.assets.get(relPath.slice('static/'.length)) : undefined;
      if (asset === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
        next();
        return;
      }
      res.status(200).type(asset.type).send(asset.body);
    };
  }
}

/**
 * Where the built UI is: next to the bundle (`dist/uiserver.js` → `dist/public`)
 * or one level up from the compiled sources (`dist/src/*.js` → `dist/public`).
 */
export function findPublicDir(from: string = __dirname): string | undefined {
  for (const candidate of [resolve(from, 'public'), resolve(from, '..', 'public')]) {
    if (existsSync(join(candidate, 'app.js'))) return candidate;
  }
  return undefined;
}
