/**
 * Parsing /etc/group and /etc/passwd (their documented colon-separated
 * formats, group(5) and passwd(5)) into what a lookup needs. Read directly
 * rather than through getent or NSS: no child process per lookup, and the
 * answer is exactly what the files say.
 */

export interface GroupTable {
  /** Group name by gid; the first name wins when two groups share a gid, as getgrgid does. */
  readonly nameByGid: ReadonlyMap<string, string>;
  /** Supplementary groups of each member, from the member lists of /etc/group. */
  readonly groupsByMember: ReadonlyMap<string, readonly string[]>;
  /** Primary gid of each user, from /etc/passwd. */
  readonly primaryGid: ReadonlyMap<string, string>;
}

/** Data lines split on ":"; comments, blank lines and NIS "+"/"-" entries carry no local group. */
function records(text: string, minFields: number): string[][] {
  const result: string[][] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('+') || trimmed.startsWith('-')) continue;
    const fields = trimmed.split(':');
    if (fields.length < minFields || fields[0] === '') continue;
    result.push(fields);
  }
  return result;
}

export function parseGroupTable(groupText: string, passwdText: string): GroupTable {
  const nameByGid = new Map<string, string>();
  const groupsByMember = new Map<string, string[]>();
  for (const [name = '', , gid = '', members = ''] of records(groupText, 4)) {
    if (!nameByGid.has(gid)) nameByGid.set(gid, name);
    for (const member of members.split(',')) {
      const who = member.trim();
      if (who === '') continue;
      const list = groupsByMember.get(who) ?? [];
      if (!list.includes(name)) list.push(name);
      groupsByMember.set(who, list);
    }
  }
  const primaryGid = new Map<string, string>();
  for (const [name = '', , , gid = ''] of records(passwdText, 4)) {
    if (!primaryGid.has(name)) primaryGid.set(name, gid);
  }
  return { nameByGid, groupsByMember, primaryGid };
}

/** The person's group names: the primary group first (when it has a name), then the supplementary ones, each once. */
export function groupNamesOf(table: GroupTable, person: string): string[] {
  const names: string[] = [];
  const gid = table.primaryGid.get(person);
  const primary = gid === undefined ? undefined : table.nameByGid.get(gid);
  if (primary !== undefined) names.push(primary);
  for (const name of table.groupsByMember.get(person) ?? []) {
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
