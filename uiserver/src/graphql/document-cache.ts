/**
 * Parsed and validated documents by their text. Clients send the same few
 * documents over and over, so parsing and validation (the costly part of a
 * small read) happen once per text; refusals are remembered too, so a
 * client repeating a bad document costs nothing either. Least recently used
 * entries go first, within a count and a total size.
 */
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { checkDocumentShape, type DocumentShapeLimits } from './document-shape';

export type Prepared =
  { readonly ok: true; readonly document: DocumentNode } | { readonly ok: false; readonly errors: readonly GraphQLError[] };

export interface DocumentCacheLimits extends DocumentShapeLimits {
  readonly maxEntries: number;
  /** Total length of the cached texts. */
  readonly maxCachedChars: number;
  /** The parser stops at this many tokens (a 64 KiB body holds ~30000 at most). */
  readonly maxTokens: number;
  /** Validation stops after this many errors. */
  readonly maxErrors: number;
}

export class DocumentCache {
  private readonly entries = new Map<string, Prepared>();
  private cachedChars = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: DocumentCacheLimits,
  ) {}

  prepare(query: string): Prepared {
    const cached = this.entries.get(query);
    if (cached !== undefined) {
      // Re-inserting keeps the Map in least-recently-used order.
      this.entries.delete(query);
      this.entries.set(query, cached);
      return cached;
    }
    const prepared = this.compile(query);
    this.remember(query, prepared);
    return prepared;
  }

  get size(): number {
    return this.entries.size;
  }

  private compile(query: string): Prepared {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.limits.maxTokens });
    } catch (err) {
      if (err instanceof GraphQLError) return { ok: false, errors: [err] };
      throw err;
    }
    const shapeError = checkDocumentShape(document, this.limits);
    if (shapeError !== undefined) return { ok: false, errors: [shapeError] };
    const errors = validate(this.schema, document, specifiedRules, { maxErrors: this.limits.maxErrors });
    return errors.length > 0 ? { ok: false, errors } : { ok: true, document };
  }

  private remember(query: string, prepared: Prepared): void {
    if (query.length > this.limits.maxCachedChars) return;
    this.entries.set(query, prepared);
    this.cachedChars += query.length;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.cachedChars <= this.limits.maxCachedChars) break;
      this.entries.delete(oldest);
      this.cachedChars -= oldest.length;
    }
  }
}
