/** The job-log endpoints: what `api/logs/files` answers and the URLs to ask. */

export interface LogFile {
  readonly name: string;
  readonly size: number | undefined;
  readonly modified: string | undefined;
}

export interface LogListing {
  readonly kind: 'workflow' | 'task' | 'job' | 'unknown';
  readonly files: readonly LogFile[];
  /** Submit numbers, for a task ID. */
  readonly submits: readonly string[];
}

export function parseLogListing(body: unknown): LogListing {
  const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const kind = obj.kind === 'workflow' || obj.kind === 'task' || obj.kind === 'job' ? obj.kind : 'unknown';
  const files: LogFile[] = [];
  for (const item of Array.isArray(obj.files) ? (obj.files as unknown[]) : []) {
    if (typeof item !== 'object' || item === null) continue;
    const { name, size, modified } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !name) continue;
    files.push({
      name,
      size: typeof size === 'number' ? size : undefined,
      modified:
        typeof modified === 'string'
          ? modified
          : typeof modified === 'number'
            ? new Date(modified * (modified < 1e12 ? 1000 : 1)).toISOString()
            : undefined,
    });
  }
  const submits = Array.isArray(obj.submits) ? (obj.submits as unknown[]).filter((s): s is string => typeof s === 'string') : [];
  return { kind, files, submits };
}

export function logFilesUrl(prefix: string, id: string): string {
  return `${prefix}api/logs/files?id=${encodeURIComponent(id)}`;
}

export function logFollowUrl(prefix: string, id: string, file: string, offset?: number): string {
  const from = offset !== undefined && offset > 0 ? `&offset=${offset}` : '';
  return `${prefix}api/logs/file?id=${encodeURIComponent(id)}&file=${encodeURIComponent(file)}${from}&follow=1`;
}

/** `12.3 KiB`-style sizes for the file buttons. */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
