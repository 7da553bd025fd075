/**
 * The committed example site config (packages/core/site.example.yaml), so
 * that hub-config, docs and tests start from one file that is known to load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of site.example.yaml (this file is compiled to dist/src/site-config/). */
export function siteConfigExamplePath(): string {
  return join(__dirname, '..', '..', '..', 'site.example.yaml');
}

export function siteConfigExample(): string {
  return readFileSync(siteConfigExamplePath(), 'utf8');
}
