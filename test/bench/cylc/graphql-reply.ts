/** The parts of a GraphQL answer the benchmarks check, read without trusting its shape. */
export interface WorkflowRow {
  readonly id: string;
  readonly status: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `data` of a GraphQL JSON answer, or undefined when it has none or has errors. */
export function dataOf(body: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || parsed['errors'] !== undefined) return undefined;
  const data = parsed['data'];
  return isRecord(data) ? data : undefined;
}

export function workflowRows(data: Record<string, unknown> | undefined): WorkflowRow[] {
  const list = data?.['workflows'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((w: unknown) =>
    isRecord(w) && typeof w['id'] === 'string' && typeof w['status'] === 'string' ? [{ id: w['id'], status: w['status'] }] : [],
  );
}

export function listLength(data: Record<string, unknown> | undefined, field: string): number | undefined {
  const list = data?.[field];
  return Array.isArray(list) ? list.length : undefined;
}
