/** The person (or service) owning a token, as `GET {api}/user` describes them. */
export interface HubUser {
  readonly name: string;
  /** `user` or `service`. */
  readonly kind?: string;
  /** Always present for users: the hub adds identify scopes for this endpoint. */
  readonly groups: readonly string[];
  /** The token's expanded scopes (JupyterHub ≥ 2). Empty if the hub sent none. */
  readonly scopes: readonly string[];
  /** Only sent when the token may read it. */
  readonly admin?: boolean;
}

/** What `POST {api}/oauth2/token` needs for the authorization-code grant. */
export interface OAuthCodeExchange {
  readonly clientId: string;
  /** For a single-user server this is its JUPYTERHUB_API_TOKEN. */
  readonly clientSecret: string;
  readonly code: string;
  /** Exactly as registered with the hub (JUPYTERHUB_OAUTH_CALLBACK_URL). */
  readonly redirectUri: string;
}

/** Wire shape of the token endpoint's reply (only what Isobar reads). */
export interface TokenReply {
  readonly access_token: string;
}

/** Wire shape of `GET {api}/`. */
export interface VersionReply {
  readonly version: string;
}

/** Wire shape of `GET {api}/user`; optional fields depend on the hub version and the token's scopes. */
export interface UserReply {
  readonly name: string;
  readonly kind?: string | null;
  readonly groups?: readonly string[] | null;
  readonly scopes?: readonly string[] | null;
  readonly admin?: boolean | null;
}
