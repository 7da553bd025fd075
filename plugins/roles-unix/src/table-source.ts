/**
 * Reads and parses the two files, reusing the result for `cacheSeconds` so a
 * page full of permission checks does not re-read them each time. Lookups
 * that arrive while a read is under way share it. A failed read is not kept:
 * the next lookup tries again.
 */
import { readFile } from 'node:fs/promises';
import { parseGroupTable } from './etc-files';
import type { GroupTable } from './etc-files';

export interface TableSourceOptions {
  readonly groupFile: string;
  readonly passwdFile: string;
  readonly cacheSeconds: number;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

export type TableSource = () => Promise<GroupTable>;

export function createTableSource(options: TableSourceOptions): TableSource {
  const now = options.now ?? Date.now;
  let cached: { table: GroupTable; until: number } | undefined;
  let reading: Promise<GroupTable> | undefined;

  const read = async (): Promise<GroupTable> => {
    const [groupText, passwdText] = await Promise.all([readFile(options.groupFile, 'utf8'), readFile(options.passwdFile, 'utf8')]);
    return parseGroupTable(groupText, passwdText);
  };

  return () => {
    if (cached !== undefined && now() < cached.until) return Promise.resolve(cached.table);
    if (reading !== undefined) return reading;
    const started = now();
    reading = read()
      .then((table) => {
        if (options.cacheSeconds > 0) cached = { table, until: started + options.cacheSeconds * 1000 };
        return table;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}
