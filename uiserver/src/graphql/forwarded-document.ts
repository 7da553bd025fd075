/**
 * The document one scheduler receives for one mutation field: that field
 * alone, its `workflows` argument rewritten to the one workflow, asking for
 * `result` (which is all Cylc's mutation types hold), with only the variable
 * definitions its arguments use. Printed with graphql-js, never spliced.
 */
import {
  Kind,
  OperationTypeNode,
  print,
  type ArgumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';

function variablesIn(value: ValueNode, names: Set<string>): void {
  if (value.kind === Kind.VARIABLE) names.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, names);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) variablesIn(field.value, names);
}

function workflowsArgument(workflowId: string): ArgumentNode {
  return {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'workflows' },
    value: { kind: Kind.LIST, values: [{ kind: Kind.STRING, value: workflowId }] },
  };
}

export interface ForwardedMutation {
  /** The names of the request's variables the field uses (the others are not sent). */
  readonly variableNames: readonly string[];
  documentFor(workflowId: string): string;
}

export function forwardedMutation(field: FieldNode, operation: OperationDefinitionNode): ForwardedMutation {
  const otherArguments = (field.arguments ?? []).filter((argument) => argument.name.value !== 'workflows');
  const used = new Set<string>();
  for (const argument of otherArguments) variablesIn(argument.value, used);
  const definitions: VariableDefinitionNode[] = (operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value));
  return {
    variableNames: [...used],
    documentFor: (workflowId) => {
      const forwarded: FieldNode = {
        kind: Kind.FIELD,
        name: field.name,
        arguments: [workflowsArgument(workflowId), ...otherArguments],
        directives: [],
        selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'result' } }] },
      };
      const mutation: OperationDefinitionNode = {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.MUTATION,
        variableDefinitions: definitions,
        directives: [],
        selectionSet: { kind: Kind.SELECTION_SET, selections: [forwarded] },
      };
      return print({ kind: Kind.DOCUMENT, definitions: [mutation] });
    },
  };
}
