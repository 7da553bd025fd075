import type { ElevationSettings } from './elevation-settings';

/** Everything the HTTP side needs to know about where it runs. Read once, at start. */
export interface ServiceConfig {
  /** JUPYTERHUB_SERVICE_PREFIX, e.g. `/services/isobar/`; everything is served below it. */
  readonly prefix: string;
  /** JUPYTERHUB_CLIENT_ID, e.g. `service-isobar`. */
  readonly clientId: string;
  /** JUPYTERHUB_OAUTH_CALLBACK_URL exactly as registered with the hub. */
  readonly oauthCallbackUrl: string;
  /** The path part of the callback URL, where the callback is served. */
  readonly callbackPath: string;
  /** Where browsers are sent to sign in: `{JUPYTERHUB_HOST}{base}hub/api/oauth2/authorize`. */
  readonly authorizeUrl: string;
  /** `{base}user/`: after an elevation the browser may go back only below it. */
  readonly userPrefix: string;
  /** Scopes of which an OAuth token must hold one to use the service (JUPYTERHUB_OAUTH_ACCESS_SCOPES). */
  readonly accessScopes: readonly string[];
  /**
   * Origins browsers reach the hub at (from hub.publicUrl). Empty: the
   * request's own Host (and X-Forwarded-Proto) decides, which is what a
   * proxy that keeps Host gives.
   */
  readonly allowedOrigins: readonly string[];
  /** Peers whose X-Forwarded-For is believed (the proxy); anyone else's address is their own. */
  readonly trustedProxies: readonly string[];
  readonly elevation: ElevationSettings;
}

/** The proxy runs next to the hub. */
export const DEFAULT_TRUSTED_PROXIES: readonly string[] = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
