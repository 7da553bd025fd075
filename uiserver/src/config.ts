import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ConfigError } from './startup-errors';

/**
 * Everything the server needs, parsed from the launch document the launcher
 * writes to stdin: `{"env": {JUPYTERHUB_*...}, "idleTimeoutSeconds": 600,
 * "keepaliveSeconds": 30, "hubVersion"?: "3.0.0", "activityIntervalSeconds"?: 60}`.
 * The environment part is what JupyterHub's Spawner.get_env() produces; it
 * arrives on stdin so the API token never sits in /proc/PID/environ.
 */
export interface UiServerConfig {
  /** JUPYTERHUB_API_TOKEN: the server's own token, also its OAuth client secret. */
  readonly apiToken: string;
  readonly clientId: string;
  /** e.g. `http://127.0.0.1:8081/hub/api` */
  readonly apiUrl: string;
  /** Absent: the hub did not ask for activity reports. */
  readonly activityUrl: string | undefined;
  /** JUPYTERHUB_BASE_URL, ends with `/`. */
  readonly baseUrl: string;
  /** JUPYTERHUB_HOST without trailing slash; empty when the hub shares the page's origin. */
  readonly hubHost: string;
  /** JUPYTERHUB_SERVICE_PREFIX, e.g. `/user/alice/`: everything is served below it. */
  readonly prefix: string;
  /** JUPYTERHUB_OAUTH_CALLBACK_URL exactly as registered with the hub (sent back verbatim). */
  readonly oauthCallbackUrl: string;
  /** The path part of the callback URL, where the callback is served. */
  readonly callbackPath: string;
  /** JUPYTERHUB_OAUTH_ACCESS_SCOPES (or the older JUPYTERHUB_OAUTH_SCOPES). */
  readonly accessScopes: readonly string[];
  /** JUPYTERHUB_USER: the workflow owner, whose account this process runs as. */
  readonly owner: string;
  readonly serverName: string;
  /** 0 disables idle shutdown. */
  readonly idleTimeoutSeconds: number;
  readonly keepaliveSeconds: number;
  readonly activityIntervalSeconds: number;
  /** Known up front (saves a request at start); otherwise asked from the hub. */
  readonly hubVersion: string | undefined;
  /** The `cylc` command run for `cylc play` (default `cylc`, found in PATH). */
  readonly cylcCommand: string;
  /** Where the owner's workflows are installed (default `~/cylc-run`). */
  readonly cylcRun: string;
  /** Authorisation and elevation (see AuthzConfig); undefined: owner-only actions, everyone reads. */
  readonly authz: AuthzConfig | undefined;
}

/**
 * What the spawner daemon passes for authorisation: where hub-service
 * publishes its grant key, answers role questions and takes audit records;
 * the site policy file; whether owners act on their own workflows without
 * elevating. Any of them present turns policy checks on.
 */
export interface AuthzConfig {
  readonly grantKeyUrl: string | undefined;
  readonly rolesUrl: string | undefined;
  readonly auditUrl: string | undefined;
  /** Undefined: the standard location (ISOBAR_AUTHZ_CONFIG, else /etc/isobar/authz.yaml). */
  readonly siteFile: string | undefined;
  readonly ownersExempt: boolean;
}

export const DEFAULT_IDLE_TIMEOUT_SECONDS = 600;
export const DEFAULT_KEEPALIVE_SECONDS = 30;
export const DEFAULT_ACTIVITY_INTERVAL_SECONDS = 60;

const TOP_LEVEL_KEYS = new Set([
  'env',
  'idleTimeoutSeconds',
  'keepaliveSeconds',
  'hubVersion',
  'activityIntervalSeconds',
  'cylcCommand',
  'cylcRun',
  'grantKeyUrl',
  'rolesUrl',
  'auditUrl',
  'authzSiteFile',
  'ownersExempt',
]);

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Parse and check the launch document. Errors name the key and never echo values. */
export function parseLaunchDocument(text: string): UiServerConfig {
  if (text.trim() === '') throw new ConfigError('stdin', 'empty (expected one JSON document, then EOF)');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the input, which holds the token.
    throw new ConfigError('stdin', 'not a valid JSON document');
  }
  if (!isObject(doc)) throw new ConfigError('stdin', 'must be a JSON object');
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.has(key)) throw new ConfigError(key, `unknown key (expected ${[...TOP_LEVEL_KEYS].join(', ')})`);
  }
  const env = doc['env'];
  if (env === undefined) throw new ConfigError('env', 'missing');
  if (!isObject(env)) throw new ConfigError('env', 'must be an object of strings');
  for (const [key, value] of Object.entries(env)) {
    if (typeof value !== 'string') throw new ConfigError(`env.${key}`, 'must be a string');
  }
  const vars = env as Record<string, string>;

  const owner = required(vars, 'JUPYTERHUB_USER');
  const serverName = vars['JUPYTERHUB_SERVER_NAME'] ?? '';
  const prefix = servicePrefix(vars);
  const oauthCallbackUrl = required(vars, 'JUPYTERHUB_OAUTH_CALLBACK_URL');
  const hubVersion = doc['hubVersion'];
  if (hubVersion !== undefined && (typeof hubVersion !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(hubVersion))) {
    throw new ConfigError('hubVersion', 'must be a short printable string such as "3.0.0"');
  }
  return {
    apiToken: token(vars),
    clientId: required(vars, 'JUPYTERHUB_CLIENT_ID'),
    apiUrl: httpUrl(vars, 'JUPYTERHUB_API_URL'),
    activityUrl: vars['JUPYTERHUB_ACTIVITY_URL'] ? httpUrl(vars, 'JUPYTERHUB_ACTIVITY_URL') : undefined,
    baseUrl: baseUrl(vars),
    hubHost: hubHost(vars),
    prefix,
    oauthCallbackUrl,
    callbackPath: callbackPath(oauthCallbackUrl, prefix),
    accessScopes: accessScopes(vars),
    owner,
    serverName,
    idleTimeoutSeconds: seconds(doc, 'idleTimeoutSeconds', DEFAULT_IDLE_TIMEOUT_SECONDS, 0),
    keepaliveSeconds: seconds(doc, 'keepaliveSeconds', DEFAULT_KEEPALIVE_SECONDS, 1),
    activityIntervalSeconds: seconds(doc, 'activityIntervalSeconds', DEFAULT_ACTIVITY_INTERVAL_SECONDS, 1),
    hubVersion,
    cylcCommand: command(doc, 'cylcCommand', 'cylc'),
    cylcRun: cylcRun(doc),
    authz: authzConfig(doc),
  };
}

function authzConfig(doc: Json): AuthzConfig | undefined {
  const keys = ['grantKeyUrl', 'rolesUrl', 'auditUrl', 'authzSiteFile', 'ownersExempt'];
  if (keys.every((key) => doc[key] === undefined)) return undefined;
  const siteFile = doc['authzSiteFile'];
  if (siteFile !== undefined && (typeof siteFile !== 'string' || !isAbsolute(siteFile) || siteFile.includes('\0'))) {
    throw new ConfigError('authzSiteFile', 'must be an absolute path');
  }
  const ownersExempt = doc['ownersExempt'];
  if (ownersExempt !== undefined && typeof ownersExempt !== 'boolean') throw new ConfigError('ownersExempt', 'must be true or false');
  return {
    grantKeyUrl: optionalHttpUrl(doc, 'grantKeyUrl'),
    rolesUrl: optionalHttpUrl(doc, 'rolesUrl'),
    auditUrl: optionalHttpUrl(doc, 'auditUrl'),
    siteFile,
    ownersExempt: ownersExempt ?? false,
  };
}

function optionalHttpUrl(doc: Json, key: string): string | undefined {
  const value = doc[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ConfigError(key, 'must be an http(s) URL');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(key, 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(key, 'must be an http(s) URL');
  return value;
}

function command(doc: Json, key: string, fallback: string): string {
  const value = doc[key];
  if (value === undefined) return fallback;
  // Run with execFile, never a shell: one word, no arguments.
  if (typeof value !== 'string' || !/^[^\s\0]{1,4096}$/.test(value)) {
    throw new ConfigError(key, 'must be a command name or absolute path, without spaces');
  }
  return value;
}

function cylcRun(doc: Json): string {
  const value = doc['cylcRun'];
  if (value === undefined) return join(homedir(), 'cylc-run');
  if (typeof value !== 'string' || !isAbsolute(value) || value.includes('\0')) throw new ConfigError('cylcRun', 'must be an absolute path');
  return value;
}

function required(vars: Record<string, string>, key: string): string {
  const value = vars[key];
  if (value === undefined) throw new ConfigError(`env.${key}`, 'missing');
  if (value === '') throw new ConfigError(`env.${key}`, 'empty');
  return value;
}

function token(vars: Record<string, string>): string {
  const value = required(vars, 'JUPYTERHUB_API_TOKEN');
  // It goes into an HTTP header; anything else would be a broken launcher.
  if (!/^[\x21-\x7e]+$/.test(value)) throw new ConfigError('env.JUPYTERHUB_API_TOKEN', 'contains characters a token cannot have');
  return value;
}

function httpUrl(vars: Record<string, string>, key: string): string {
  const value = required(vars, key);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`env.${key}`, 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`env.${key}`, 'must be an http(s) URL');
  return value;
}

function servicePrefix(vars: Record<string, string>): string {
  const key = 'JUPYTERHUB_SERVICE_PREFIX';
  const value = required(vars, key);
  if (!value.startsWith('/') || !value.endsWith('/') || value.startsWith('//')) {
    throw new ConfigError(`env.${key}`, 'must be a path beginning and ending with "/", e.g. /user/alice/');
  }
  if (!/^[\x21-\x7e]+$/.test(value) || /[?#\\]/.test(value)) throw new ConfigError(`env.${key}`, 'must be a plain URL path');
  return value;
}

function baseUrl(vars: Record<string, string>): string {
  const value = vars['JUPYTERHUB_BASE_URL'] ?? '/';
  if (!value.startsWith('/') || value.startsWith('//')) throw new ConfigError('env.JUPYTERHUB_BASE_URL', 'must be a path such as "/"');
  return value.endsWith('/') ? value : `${value}/`;
}

function hubHost(vars: Record<string, string>): string {
  const value = vars['JUPYTERHUB_HOST'] ?? '';
  if (value === '') return '';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('env.JUPYTERHUB_HOST', 'must be empty or an origin such as https://hub.example.org');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('env.JUPYTERHUB_HOST', 'must be an http(s) origin');
  return url.origin;
}

function callbackPath(callback: string, prefix: string): string {
  let path: string;
  try {
    path = new URL(callback, 'http://placeholder').pathname;
  } catch {
    throw new ConfigError('env.JUPYTERHUB_OAUTH_CALLBACK_URL', 'not a valid URL or path');
  }
  if (!path.startsWith(prefix) || path === prefix) {
    throw new ConfigError('env.JUPYTERHUB_OAUTH_CALLBACK_URL', 'must lie under JUPYTERHUB_SERVICE_PREFIX');
  }
  return path;
}

function accessScopes(vars: Record<string, string>): string[] {
  // JupyterHub 3+ sends both names; before 2.x only the second existed.
  const key = vars['JUPYTERHUB_OAUTH_ACCESS_SCOPES'] !== undefined ? 'JUPYTERHUB_OAUTH_ACCESS_SCOPES' : 'JUPYTERHUB_OAUTH_SCOPES';
  const text = vars[key];
  if (text === undefined) throw new ConfigError('env.JUPYTERHUB_OAUTH_ACCESS_SCOPES', 'missing (and no JUPYTERHUB_OAUTH_SCOPES either)');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError(`env.${key}`, 'not valid JSON (expected a list of scope strings)');
  }
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new ConfigError(`env.${key}`, 'must be a JSON list of strings');
  }
  return value;
}

function seconds(doc: Json, key: string, fallback: number, min: number): number {
  const value = doc[key];
  if (value === undefined) return fallback;
  // A day is far beyond any sensible setting; larger values are typos.
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > 86_400) {
    throw new ConfigError(key, `must be a number of seconds from ${min} to 86400`);
  }
  return value;
}
