/** Validates the stdin document of `launch` where it enters. */
import type { LaunchRequest } from '../protocol';
import { CommandRefused } from './command';

export const MAX_LAUNCH_REQUEST_BYTES = 256 * 1024;

function isStringRecord(x: unknown): x is Record<string, string> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'string');
}

export function parseLaunchRequest(text: string, unixUser: string): LaunchRequest {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new CommandRefused(`launch: stdin is not JSON: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null) throw new CommandRefused('launch: stdin must be a JSON object');
  const d = doc as Record<string, unknown>;
  if (!isStringRecord(d.env)) throw new CommandRefused('launch: "env" must be an object of strings');
  for (const key of ['JUPYTERHUB_API_TOKEN', 'JUPYTERHUB_USER', 'JUPYTERHUB_SERVICE_PREFIX', 'JUPYTERHUB_API_URL']) {
    if (!d.env[key]) throw new CommandRefused(`launch: env.${key} is missing`);
  }
  // The hub's user name is the unix account name: a server for one person must never start as another.
  if (d.env.JUPYTERHUB_USER !== unixUser) {
    throw new CommandRefused(`launch: env.JUPYTERHUB_USER is "${d.env.JUPYTERHUB_USER}" but this key runs as "${unixUser}"`);
  }
  for (const key of ['idleTimeoutSeconds', 'keepaliveSeconds'] as const) {
    const v = d[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new CommandRefused(`launch: "${key}" must be a positive number`);
  }
  if (d.hubVersion !== undefined && typeof d.hubVersion !== 'string') throw new CommandRefused('launch: "hubVersion" must be a string');
  return {
    env: d.env,
    idleTimeoutSeconds: d.idleTimeoutSeconds as number,
    keepaliveSeconds: d.keepaliveSeconds as number,
    ...(typeof d.hubVersion === 'string' ? { hubVersion: d.hubVersion } : {}),
  };
}
