/**
 * Where each layer's file is. Site: /etc/isobar/authz.yaml
 * (ISOBAR_AUTHZ_CONFIG overrides). Owner: ~owner/.isobar/authz.yaml.
 * Workflow: `.isobar/authz.yaml` in the workflow's run directory or in any
 * directory above it inside ~owner/cylc-run, the nearest one applying; so a
 * file in ~owner/cylc-run/clouds/ covers clouds/run1, clouds/run2 and every
 * later run, and cannot be forgotten by the next `cylc install`.
 */
import { join } from 'node:path';
import type { AccountLookup } from './accounts';

export const DEFAULT_SITE_AUTHZ_PATH = '/etc/isobar/authz.yaml';
export const CONFIG_DIR = '.isobar';
export const CONFIG_NAME = 'authz.yaml';

export interface LayerLocations {
  readonly site: string;
  /** The owner's file, or undefined when the owner has no home we know of. */
  userFile(owner: string): string | undefined;
  /** Candidate workflow files, nearest first; the first that exists applies. */
  workflowFiles(owner: string, workflow: string): readonly string[];
}

export function siteAuthzPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ISOBAR_AUTHZ_CONFIG;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_SITE_AUTHZ_PATH;
}

/** A workflow name is a relative path inside cylc-run; anything that could step outside is no workflow. */
export function workflowSegments(workflow: string): string[] | undefined {
  const segments = workflow.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined;
  return segments;
}

/** The standard locations, homes found with `accounts`. */
export function standardLocations(accounts: AccountLookup, site = siteAuthzPath()): LayerLocations {
  return {
    site,
    userFile: (owner) => {
      const home = accounts(owner)?.home;
      return home === undefined ? undefined : join(home, CONFIG_DIR, CONFIG_NAME);
    },
    workflowFiles: (owner, workflow) => {
      const home = accounts(owner)?.home;
      const segments = workflowSegments(workflow);
      if (home === undefined || segments === undefined) return [];
      const files: string[] = [];
      for (let depth = segments.length; depth > 0; depth--) {
        files.push(join(home, 'cylc-run', ...segments.slice(0, depth), CONFIG_DIR, CONFIG_NAME));
      }
      return files;
    },
  };
}

/** Fixed files, whatever the owner or workflow (the explain command, tests). */
export function fixedLocations(files: { site: string; user?: string; workflow?: string }): LayerLocations {
  return {
    site: files.site,
    userFile: () => files.user,
    workflowFiles: (_owner, workflow) => (files.workflow === undefined || workflow === '' ? [] : [files.workflow]),
  };
}
