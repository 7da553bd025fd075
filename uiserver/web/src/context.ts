import { inject, type InjectionKey } from 'vue';
import { ActionCenter } from './action-center';
import { Elevation } from './elevation';
import { Feed } from './feed';
import { LiveStore } from './live';
import { websocketUrl, type AppConfig } from './model/config';
import { Permissions } from './permissions';
import { createRouter, type Router } from './router';

/** Everything components share: one of each per page. */
export interface AppContext {
  readonly config: AppConfig;
  readonly feed: Feed;
  /** All workflows, workflow fields only (the list). */
  readonly list: LiveStore;
  /** Tasks and jobs of the workflows on screen. */
  readonly detail: LiveStore;
  readonly router: Router;
  /** Absent in kiosk mode: no action UI is rendered at all. */
  readonly actions: ActionCenter | undefined;
  /** The privilege level and the grant; absent in kiosk mode (no switch). */
  readonly elevation: Elevation | undefined;
  /** What may be offered for the workflow on screen; absent in kiosk mode. */
  readonly permissions: Permissions | undefined;
}

export const APP: InjectionKey<AppContext> = Symbol('isobar-app');

export function createContext(config: AppConfig): AppContext {
  const feed = new Feed(websocketUrl(window.location.protocol, window.location.host, config.graphqlPath));
  const list = new LiveStore(feed);
  const detail = new LiveStore(feed);
  const router = createRouter(config.owner);
  // Kiosk screens never act: no level switch, no grants, no actions.
  const elevation = config.kiosk ? undefined : new Elevation(config.owner, () => feed.reconnect());
  const onScreen = (): string | undefined => {
    const route = router.route.value;
    return !route.audit && route.workflowIds.length === 1 ? route.workflowIds[0] : undefined;
  };
  const permissions = elevation ? new Permissions(config.prefix, config.canAct, elevation, onScreen) : undefined;
  return {
    config,
    feed,
    list,
    detail,
    router,
    actions: elevation ? new ActionCenter(config.graphqlPath, detail, () => elevation.grant()) : undefined,
    elevation,
    permissions,
  };
}

export function useApp(): AppContext {
  const app = inject(APP);
  if (!app) throw new Error('the app context is missing');
  return app;
}
