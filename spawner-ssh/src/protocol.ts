/**
 * What travels between the spawner daemon and the launcher over SSH.
 *
 * The launcher is the forced command of the hub's key, so the only thing the
 * daemon chooses is SSH_ORIGINAL_COMMAND (one of the verbs below) and, for
 * `launch`, one JSON document on the channel's stdin. Secrets travel only in
 * that document: never in the command line, the environment or a file.
 */

import type { HostMetrics } from '@isobar/core';

/** Where a UI server finds the hub service and the site's policy (see packages/hub-service/ELEVATION-API.md). */
export interface LaunchAuthz {
  /** `GET`: the hub service's public key (JWK) that grants are verified with. */
  grantKeyUrl: string;
  /** `GET ?person=<name>` with the UI server's hub token: the person's roles from the site's role providers. */
  rolesUrl: string;
  /** `POST {chain, entries}` with the UI server's hub token: the central audit log. */
  auditUrl: string;
  /** The site policy layer (authz.siteFile). */
  authzSiteFile: string;
  /** Owners act on their own workflows without elevating (authz.ownersExempt). */
  ownersExempt: boolean;
}

/** The stdin document of `launch`, read by the UI server itself. */
export interface LaunchRequest extends LaunchAuthz {
  /** The single-user environment the hub computed (get_env), secrets included. */
  env: Record<string, string>;
  idleTimeoutSeconds: number;
  keepaliveSeconds: number;
  /** The `cylc` command for `cylc play`. */
  cylcCommand: string;
  hubVersion?: string;
}

/** What identifies a running UI server on a host; kept in the hub's state. */
export interface ServerHandle {
  host: string;
  ip: string;
  port: number;
  pid: number;
  /** Process start time in clock ticks since boot (/proc/PID/stat field 22): guards against pid reuse. */
  startTime: number;
}

/** What the UI server answers to `launch` on stdout (one line), then it closes stdout. */
export type LaunchReply =
  { event: 'listening'; ip: string; port: number; pid: number; startTime: number } | { event: 'error'; message: string };

export type StatusReply = { ok: true; running: boolean } | { ok: false; error: string };
export type StopReply = { ok: true; stopped: boolean; signal: 'TERM' | 'KILL' | 'none' } | { ok: false; error: string };

/** `metrics`: exactly what the selectors choose by. */
export type MetricsReply = { ok: true } & HostMetrics;

/** The marker in a UI server's argv by which the launcher recognises its own processes. */
export const UISERVER_MARKER = '--isobar-uiserver';
