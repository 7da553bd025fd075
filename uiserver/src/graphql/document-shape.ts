/**
 * A guard against abusive documents, run before validation (some of
 * whose rules cost more than linear time): nesting depth, and the number of
 * fields once every fragment is expanded, counted with each fragment
 * measured once so a "fragment bomb" costs nothing to refuse.
 */
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export interface DocumentShapeLimits {
  readonly maxDepth: number;
  /** Fields after expanding fragments (aliases count: `a: workflows b: workflows` is two). */
  readonly maxFields: number;
}

interface Shape {
  readonly depth: number;
  readonly fields: number;
}

const EMPTY: Shape = { depth: 0, fields: 0 };

class ShapeMeter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measured = new Map<string, Shape>();
  private readonly measuring = new Set<string>();

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  measure(selectionSet: SelectionSetNode): Shape {
    let depth = 0;
    let fields = 0;
    for (const selection of selectionSet.selections) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? this.measure(selection.selectionSet) : EMPTY;
        inner = { depth: below.depth + 1, fields: below.fields + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.measure(selection.selectionSet);
      } else {
        inner = this.fragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      fields += inner.fields;
    }
    return { depth, fields };
  }

  private fragment(name: string): Shape {
    const known = this.measured.get(name);
    if (known !== undefined) return known;
    const definition = this.fragments.get(name);
    // Unknown or cyclic fragments are validation's to report.
    if (definition === undefined || this.measuring.has(name)) return EMPTY;
    this.measuring.add(name);
    const shape = this.measure(definition.selectionSet);
    this.measuring.delete(name);
    this.measured.set(name, shape);
    return shape;
  }
}

export function checkDocumentShape(document: DocumentNode, limits: DocumentShapeLimits): GraphQLError | undefined {
  const meter = new ShapeMeter(document);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape = meter.measure(definition.selectionSet);
    if (shape.depth > limits.maxDepth) {
      return new GraphQLError(`The document is nested ${shape.depth} levels deep; at most ${limits.maxDepth} are allowed.`);
    }
    if (shape.fields > limits.maxFields) {
      return new GraphQLError(`The document asks for ${shape.fields} fields; at most ${limits.maxFields} are allowed.`);
    }
  }
  return undefined;
}
