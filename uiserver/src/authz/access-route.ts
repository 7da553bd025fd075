/**
 * `GET api/access?workflow=<id or name>`: who can do what on one workflow,
 * for the owner only. The policy is the owner's business (their file, their
 * workflows' files) and names people and roles; a visitor has
 * `api/permissions` for what they themselves may do. So the route is not
 * in the policy's operation table: no rule can open it to anyone else.
 */
import type { RequestHandler } from 'express';
import '../locals';
import { visitorGetRoute } from '../get-routes';
import { sendJsonError } from '../respond';
import { ACCESS_PATH, type AccessAnswer } from './access-answer';

export interface AccessRouteDeps {
  readonly owner: string;
  /** The ids of the workflows held now: any other is 404. */
  readonly workflowIds: () => readonly string[];
  /** The answer for a workflow held now, by its name (`clouds/run1`). */
  readonly answer: (workflow: string) => AccessAnswer;
}

export type WorkflowParam =
  | { readonly kind: 'ok'; readonly id: string; readonly name: string }
  | { readonly kind: 'bad'; readonly message: string }
  /** Another owner's id: no such workflow on this server. */
  | { readonly kind: 'elsewhere'; readonly id: string };

/** The `workflow` parameter: `~owner/clouds/run1` or `clouds/run1`, nothing inside a workflow (`//`), nothing outside cylc-run. */
export function parseWorkflowParam(value: unknown, owner: string): WorkflowParam {
  const usage = `The workflow parameter must be one workflow id (~${owner}/clouds/run1) or name (clouds/run1)`;
  if (value === undefined || value === '') return { kind: 'bad', message: `${usage}; it is missing.` };
  if (typeof value !== 'string') return { kind: 'bad', message: `${usage}, given once.` };
  const own = `~${owner}/`;
  if (value.startsWith('~') && !value.startsWith(own)) return { kind: 'elsewhere', id: value };
  const name = value.startsWith(own) ? value.slice(own.length) : value;
  const malformed = /[\u0000-\u001f\u007f]/.test(name) || name.split('/').some((part) => part === '' || part === '.' || part === '..');
  if (malformed) return { kind: 'bad', message: `${usage}; "${value.slice(0, 200).replace(/[^\x20-\x7e]/g, '?')}" is not one.` };
  return { kind: 'ok', id: `${own}${name}`, name };
}

export function accessRoute(deps: AccessRouteDeps): RequestHandler {
  const { owner } = deps;
  return visitorGetRoute(ACCESS_PATH, (req, res, visitor) => {
    // Before the parameter is looked at: whether a workflow exists is not for others to probe here.
    if (visitor !== owner) {
      sendJsonError(res, 403, 'OWNER_ONLY', `Only ${owner} may see who can do what on ${owner}'s workflows.`);
      return;
    }
    const param = parseWorkflowParam(req.query['workflow'], owner);
    if (param.kind === 'bad') {
      sendJsonError(res, 400, 'BAD_WORKFLOW', param.message);
      return;
    }
    if (param.kind === 'elsewhere' || !deps.workflowIds().includes(param.id)) {
      sendJsonError(res, 404, 'NO_SUCH_WORKFLOW', `No workflow ${param.id} on ${owner}'s server.`);
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(deps.answer(param.name));
  });
}
