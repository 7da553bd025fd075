import { shallowRef, type ShallowRef } from 'vue';
import { normaliseWorkflowId } from './model/ids';
import { formatHash, parseHash, type Route } from './model/route';

export interface Router {
  readonly route: Readonly<ShallowRef<Route>>;
  navigate(route: Route): void;
  href(route: Route): string;
}

/** The hash is the navigation state; no router library is needed for four routes. */
export function createRouter(owner: string): Router {
  const read = (): Route => {
    const parsed = parseHash(window.location.hash);
    return { ...parsed, workflowIds: parsed.workflowIds.map((id) => normaliseWorkflowId(id, owner)) };
  };
  const route = shallowRef(read());
  window.addEventListener('hashchange', () => {
    route.value = read();
  });
  return {
    route,
    navigate(next) {
      window.location.hash = formatHash(next);
    },
    href: formatHash,
  };
}
