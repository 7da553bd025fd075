import { getHubVersion, type HubSettings } from '@isobar/hub-client';
import type { UiServerConfig } from './config';
import type { Logger } from './log';

/** Asking the hub must not hold up a spawn for long; without an answer the header is omitted. */
export const HUB_VERSION_TIMEOUT_MS = 3_000;

/** The version for X-JupyterHub-Version: from the launch document, else asked once from the hub. */
export async function resolveHubVersion(config: UiServerConfig, hub: HubSettings, log: Logger): Promise<string | undefined> {
  if (config.hubVersion) return config.hubVersion;
  try {
    const version = await getHubVersion({ ...hub, timeoutMs: HUB_VERSION_TIMEOUT_MS });
    // It goes into a header on every response.
    if (/^[\x21-\x7e]{1,64}$/.test(version)) return version;
    log.warn('ignoring an unusable hub version');
  } catch (err) {
    log.warn('cannot learn the hub version; X-JupyterHub-Version will be omitted', {
      error: err instanceof Error ? err.message : String(err),
    });
  }
  return undefined;
}
