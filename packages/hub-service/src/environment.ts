import { type ServiceConfig, DEFAULT_TRUSTED_PROXIES } from './config';
import type { ElevationSettings } from './elevation-settings';

/** What the hub tells a managed service through its environment. */
export interface ServiceEnvironment {
  /** The service's own hub token; also its OAuth client secret. */
  readonly apiToken: string;
  readonly apiUrl: string;
  /** Where to listen (the service's `url` in jupyterhub_config.py). */
  readonly bindHost: string;
  readonly bindPort: number;
  readonly prefix: string;
  readonly clientId: string;
  readonly oauthCallbackUrl: string;
  readonly baseUrl: string;
  /** JUPYTERHUB_HOST: empty unless the hub uses subdomains. */
  readonly hubHost: string;
  readonly accessScopes: readonly string[];
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set; run this as a managed JupyterHub service`);
  return value;
}

function withSlashes(path: string, name: string): string {
  if (!path.startsWith('/')) throw new Error(`${name} must be a path starting with /, got ${JSON.stringify(path)}`);
  return path.endsWith('/') ? path : `${path}/`;
}

function accessScopesOf(env: NodeJS.ProcessEnv, clientId: string): string[] {
  const raw = env['JUPYTERHUB_OAUTH_ACCESS_SCOPES'] ?? env['JUPYTERHUB_OAUTH_SCOPES'];
  if (raw) {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string') && parsed.length > 0) return parsed as string[];
    throw new Error('JUPYTERHUB_OAUTH_ACCESS_SCOPES must be a JSON list of scopes');
  }
  // What the hub asks for on a service's behalf when it names none.
  const name = clientId.replace(/^service-/, '');
  return [`access:services!service=${name}`, 'access:services'];
}

/**
 * Reads the environment and removes the token from it, so that nothing
 * this process might start inherits it and no later reader finds it.
 */
export function takeServiceEnvironment(env: NodeJS.ProcessEnv = process.env): ServiceEnvironment {
  const apiToken = required(env, 'JUPYTERHUB_API_TOKEN');
  delete env['JUPYTERHUB_API_TOKEN'];
  const serviceUrl = new URL(required(env, 'JUPYTERHUB_SERVICE_URL'));
  if (serviceUrl.protocol !== 'http:') throw new Error('JUPYTERHUB_SERVICE_URL must be an http:// URL (the proxy in front terminates TLS)');
  const clientId = required(env, 'JUPYTERHUB_CLIENT_ID');
  return {
    apiToken,
    apiUrl: required(env, 'JUPYTERHUB_API_URL'),
    bindHost: serviceUrl.hostname.replace(/^\[(.*)\]$/, '$1'),
    bindPort: Number(serviceUrl.port || 80),
    prefix: withSlashes(required(env, 'JUPYTERHUB_SERVICE_PREFIX'), 'JUPYTERHUB_SERVICE_PREFIX'),
    clientId,
    oauthCallbackUrl: required(env, 'JUPYTERHUB_OAUTH_CALLBACK_URL'),
    baseUrl: withSlashes(env['JUPYTERHUB_BASE_URL'] || '/', 'JUPYTERHUB_BASE_URL'),
    hubHost: (env['JUPYTERHUB_HOST'] ?? '').replace(/\/+$/, ''),
    accessScopes: accessScopesOf(env, clientId),
  };
}

/** The HTTP side's config, from the environment and the site's choices. */
export function serviceConfig(environment: ServiceEnvironment, publicUrls: readonly string[], elevation: ElevationSettings): ServiceConfig {
  return {
    prefix: environment.prefix,
    clientId: environment.clientId,
    oauthCallbackUrl: environment.oauthCallbackUrl,
    callbackPath: new URL(environment.oauthCallbackUrl, 'http://isobar.invalid').pathname,
    authorizeUrl: `${environment.hubHost}${environment.baseUrl}hub/api/oauth2/authorize`,
    userPrefix: `${environment.baseUrl}user/`,
    accessScopes: environment.accessScopes,
    allowedOrigins: publicUrls.map((url) => new URL(url).origin),
    trustedProxies: DEFAULT_TRUSTED_PROXIES,
    elevation,
  };
}
