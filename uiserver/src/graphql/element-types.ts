import type { ElementType } from '@isobar/cylc-client';

/**
 * Every element type, checked against cylc-client's type at compile time
 * (a missing or extra key fails to build); kept here so the GraphQL side
 * needs no runtime import of the client, whose index loads native modules.
 */
const EVERY_TYPE: Readonly<Record<ElementType, true>> = {
  families: true,
  family_proxies: true,
  jobs: true,
  tasks: true,
  task_proxies: true,
  edges: true,
};

export const ELEMENT_TYPE_LIST = Object.keys(EVERY_TYPE) as readonly ElementType[];

/** One value per element type. */
export function perElementType<T>(make: (type: ElementType) => T): Record<ElementType, T> {
  return {
    families: make('families'),
    family_proxies: make('family_proxies'),
    jobs: make('jobs'),
    tasks: make('tasks'),
    task_proxies: make('task_proxies'),
    edges: make('edges'),
  };
}
