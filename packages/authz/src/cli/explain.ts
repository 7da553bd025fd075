#!/usr/bin/env node
/**
 * isobar-authz-explain: what one person may do on one workflow, and why.
 *
 *   explain --site FILE [--user FILE] [--workflow FILE] --person P [--roles a,b]
 *           --owner O [--workflow-id W] --operation OP
 *   explain --site FILE [--user FILE] [--workflow FILE] --owner O [--workflow-id W] --matrix
 *
 * Prints the decision, the level the operation needs, the deciding layer and
 * rule, and any refused or broken file. The user and workflow files must
 * belong to the owner's account (as the UI server requires). Exit 0 allowed
 * (or the matrix printed), 1 denied, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { Authorizer } from '../authorizer';
import { passwdAccounts } from '../config/accounts';
import { fixedLocations } from '../config/locations';
import { describeRule, type Explanation } from '../decision';
import { formatMatrix, permissionMatrix } from '../matrix';

const USAGE = `usage: explain --site FILE [--user FILE] [--workflow FILE] --owner O [--workflow-id W]
               (--person P [--roles a,b] --operation OP | --matrix)`;

function formatExplanation(explanation: Explanation): string {
  const lines = [
    `${explanation.allowed ? 'ALLOWED' : 'DENIED'}: ${explanation.operation} (level: ${explanation.level ?? 'none, not an operation Isobar knows'})`,
    `decided by: ${explanation.layer}`,
    `rule: ${explanation.rule}`,
  ];
  for (const rule of explanation.rules.slice(1)) lines.push(`also: ${describeRule(rule)}`);
  for (const rule of explanation.limitRules) lines.push(`site limit: ${describeRule(rule)}`);
  lines.push(`subjects: ${explanation.subjects.join(', ')}`);
  for (const problem of explanation.problems) lines.push(`problem: ${problem}`);
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        site: { type: 'string' },
        user: { type: 'string' },
        workflow: { type: 'string' },
        person: { type: 'string' },
        roles: { type: 'string', default: '' },
        owner: { type: 'string' },
        'workflow-id': { type: 'string', default: '' },
        operation: { type: 'string' },
        matrix: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const { site, owner } = values;
  const workflowId = values['workflow-id'];
  if (site === undefined || owner === undefined || (!values.matrix && (values.person === undefined || values.operation === undefined))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const accounts = passwdAccounts();
  const authorizer = new Authorizer({
    locations: fixedLocations({ site, user: values.user, workflow: values.workflow }),
    ownerUid: (name) => accounts(name)?.uid,
  });
  if (values.matrix) {
    process.stdout.write(`${formatMatrix(permissionMatrix(authorizer, owner, workflowId))}\n`);
    for (const problem of authorizer.problems(owner, workflowId)) process.stdout.write(`problem: ${problem}\n`);
    return 0;
  }
  const roles = values.roles.split(',').filter((role) => role !== '');
  const explanation = authorizer.explain(values.person ?? '', roles, owner, workflowId, values.operation ?? '');
  process.stdout.write(`${formatExplanation(explanation)}\n`);
  return explanation.allowed ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
