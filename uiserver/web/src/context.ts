import { inject, type InjectionKey } from 'vue';
import { ActionCenter } from './action-center';
import { Feed } from './feed';
import { LiveStore } from './live';
import { websocketUrl, type AppConfig } from './model/config';
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
  /** Absent when the visitor may not act or in kiosk mode: no action UI is rendered at all. */
  readonly actions: ActionCenter | undefined;
}

export const APP: InjectionKey<AppContext> = Symbol('isobar-app');

export function createContext(config: AppConfig): AppContext {
  const feed = new Feed(websocketUrl(window.location.protocol, window.location.host, config.graphqlPath));
  const list = new LiveStore(feed);
  const detail = new LiveStore(feed);
  return {
    config,
    feed,
    list,
    detail,
    router: createRouter(config.owner),
    actions: config.canAct && !config.kiosk ? new ActionCenter(config.graphqlPath, detail) : undefined,
  };
}

export function useApp(): AppContext {
  const app = inject(APP);
  if (!app) throw new Error('the app context is missing');
  return app;
}
