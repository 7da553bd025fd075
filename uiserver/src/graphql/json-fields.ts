/** Cylc keeps some fields as JSON text (broadcasts, environment, meta's user_defined) and answers them as GenericScalar. */
export function parseJsonField(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return {};
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return {};
  }
}

/** Task states in Cylc's order (TASK_STATUSES_ORDERED): every one appears in `stateTotals`, 0 when absent. */
export const TASK_STATES = ['waiting', 'expired', 'preparing', 'submit-failed', 'submitted', 'running', 'failed', 'succeeded'] as const;

export function stateTotals(held: unknown): Record<string, unknown> {
  const totals: Record<string, unknown> = {};
  for (const state of TASK_STATES) totals[state] = 0;
  if (typeof held === 'object' && held !== null) Object.assign(totals, held);
  return totals;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
