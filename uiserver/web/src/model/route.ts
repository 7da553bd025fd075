/**
 * The location hash is the whole navigation state, so a kiosk screen can be
 * pointed at a workflow with a plain URL and a reload lands where it was.
 *
 *   #/                                         the list only
 *   #/workflow/<enc id>                        one workflow
 *   #/workflow/<enc id>/task/<enc task id>     … with a task's panel open
 *   #/workflow/<enc id>/log                    … with its scheduler log open
 *   #/workflow/<enc id>/access                 … showing who can do what on it (its owner only)
 *   #/workflows/<enc id>,<enc id>              several (a kiosk wall)
 *   #/audit?person=…&owner=…&workflow=…&since=…  the audit trail (filters optional)
 *
 * `<enc>` is encodeURIComponent, which encodes `/` and `,`, so neither is
 * ambiguous. Unencoded IDs typed by hand (`#/workflow/~alice/clouds/run1`)
 * are accepted too; `access` counts as the view only as the last segment,
 * so a hand-typed workflow with a part named `access` elsewhere still opens.
 */

import { cleanFilter, type AuditFilter } from './audit';

export type Panel =
  { readonly kind: 'none' } | { readonly kind: 'task'; readonly taskId: string } | { readonly kind: 'log' } | { readonly kind: 'access' };

export interface Route {
  readonly workflowIds: readonly string[];
  readonly panel: Panel;
  /** Present on the audit view only: its filters. */
  readonly audit?: AuditFilter;
}

export const HOME: Route = { workflowIds: [], panel: { kind: 'none' } };

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  if (path === 'audit' || path.startsWith('audit?') || path.startsWith('audit/')) {
    const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
    const params = new URLSearchParams(query);
    const filter = cleanFilter({
      person: params.get('person') ?? undefined,
      owner: params.get('owner') ?? undefined,
      workflow: params.get('workflow') ?? undefined,
      since: params.get('since') ?? undefined,
    });
    return { workflowIds: [], panel: { kind: 'none' }, audit: filter };
  }
  if (path.startsWith('workflows/')) {
    const ids = path
      .slice('workflows/'.length)
      .split(',')
      .map(decode)
      .filter((id): id is string => Boolean(id));
    return ids.length > 0 ? { workflowIds: ids, panel: { kind: 'none' } } : HOME;
  }
  if (!path.startsWith('workflow/')) return HOME;
  const segments = path.slice('workflow/'.length).split('/');
  const taskAt = segments.indexOf('task');
  const logAt = segments.indexOf('log');
  const access = taskAt < 0 && logAt < 0 && segments.length > 1 && segments[segments.length - 1] === 'access';
  const end = taskAt > 0 ? taskAt : logAt > 0 ? logAt : access ? segments.length - 1 : segments.length;
  const id = decode(segments.slice(0, end).join('/'));
  if (!id) return HOME;
  if (taskAt > 0) {
    const taskId = decode(segments.slice(taskAt + 1).join('/'));
    if (taskId) return { workflowIds: [id], panel: { kind: 'task', taskId } };
  }
  if (logAt > 0 && taskAt < 0) return { workflowIds: [id], panel: { kind: 'log' } };
  if (access) return { workflowIds: [id], panel: { kind: 'access' } };
  return { workflowIds: [id], panel: { kind: 'none' } };
}

export function formatHash(route: Route): string {
  if (route.audit) {
    const query = new URLSearchParams(cleanFilter(route.audit)).toString();
    return query ? `#/audit?${query}` : '#/audit';
  }
  const [first, ...rest] = route.workflowIds;
  if (first === undefined) return '#/';
  if (rest.length > 0) return `#/workflows/${route.workflowIds.map(encodeURIComponent).join(',')}`;
  const base = `#/workflow/${encodeURIComponent(first)}`;
  if (route.panel.kind === 'task') return `${base}/task/${encodeURIComponent(route.panel.taskId)}`;
  if (route.panel.kind === 'log') return `${base}/log`;
  if (route.panel.kind === 'access') return `${base}/access`;
  return base;
}
