/**
 * Recognises the UI server's "workflows loaded" log line (the moment its
 * first scan and snapshots are done, so running workflows are visible). The
 * contract says a JSON line with `running` and `stopped`; the server's
 * plain `… uiserver[pid]: workflows loaded running=1 stopped=1` form is
 * read too, so a change of log format does not silently lose the figure.
 */
export interface WorkflowsLoaded {
  readonly running: number;
  readonly stopped: number;
}

const MESSAGE = 'workflows loaded';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : NaN;
}

function fromJson(line: string): WorkflowsLoaded | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || (parsed['message'] !== MESSAGE && parsed['msg'] !== MESSAGE)) return undefined;
  const fields = isRecord(parsed['fields']) ? parsed['fields'] : parsed;
  return { running: count(fields['running']), stopped: count(fields['stopped']) };
}

function fromText(line: string): WorkflowsLoaded | undefined {
  if (!line.includes(`: ${MESSAGE}`)) return undefined;
  return {
    running: count(/\brunning=(\d+)/.exec(line)?.[1]),
    stopped: count(/\bstopped=(\d+)/.exec(line)?.[1]),
  };
}

export function parseWorkflowsLoaded(line: string): WorkflowsLoaded | undefined {
  const trimmed = line.trim();
  return trimmed.startsWith('{') ? fromJson(trimmed) : fromText(trimmed);
}
