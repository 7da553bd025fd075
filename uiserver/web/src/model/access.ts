/**
 * "Who can do what" on one workflow, for its owner: the UI server's
 * `<prefix>api/access?workflow=<id>` answer (see uiserver/CYLC-API.md) made
 * into table rows. Each row is a subject (a person, `role:…`, or `*` for
 * everyone no other row names), the highest level it reaches, and its
 * allowed operations grouped by the level they need, using the server's
 * operation table so the page never carries a copy of it.
 */
import { isLevel, LEVELS, type Level } from './elevation';

export interface AccessLayer {
  readonly layer: string;
  readonly file: string;
  readonly present: boolean;
}

/** One level's column of a row. */
export interface LevelGroup {
  readonly level: Level;
  /** Allowed operations needing this level, in the server's order. */
  readonly allowed: readonly string[];
  /** `all` and `none` say it in a word; `some` lists `allowed`. */
  readonly summary: 'all' | 'some' | 'none';
}

export type SubjectKind = 'owner' | 'person' | 'role' | 'everyone';

export interface AccessRow {
  /** As a config writes it: `alice`, `role:ops`, `*`. */
  readonly subject: string;
  readonly kind: SubjectKind;
  readonly label: string;
  readonly maxLevel: Level | undefined;
  readonly groups: readonly LevelGroup[];
}

export interface AccessView {
  readonly workflow: string;
  /** False: no policy is configured on the server, `note` says what applies. */
  readonly policy: boolean;
  readonly note: string | undefined;
  readonly layers: readonly AccessLayer[];
  readonly problems: readonly string[];
  readonly rows: readonly AccessRow[];
}

export const EVERYONE = '*';

/** `<prefix>api/access?workflow=<id>`. */
export function accessUrl(prefix: string, workflowId: string): string {
  return `${prefix}api/access?workflow=${encodeURIComponent(workflowId)}`;
}

export function subjectKind(subject: string, owner: string): SubjectKind {
  if (subject === EVERYONE) return 'everyone';
  if (subject.startsWith('role:')) return 'role';
  return subject === owner ? 'owner' : 'person';
}

export function subjectLabel(subject: string, owner: string): string {
  switch (subjectKind(subject, owner)) {
    case 'everyone':
      return '* (everyone else)';
    case 'owner':
      return `${subject} (owner)`;
    default:
      return subject;
  }
}

/** The owner first, then people, then roles, then everyone else: the order an owner reads "who" in. */
const KIND_ORDER: readonly SubjectKind[] = ['owner', 'person', 'role', 'everyone'];

export function compareRows(a: AccessRow, b: AccessRow): number {
  const byKind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  return byKind !== 0 ? byKind : a.subject.localeCompare(b.subject);
}

/** `allowed` by level; an operation the table does not know is left out (it needs no level the page can name). */
export function groupByLevel(allowed: readonly string[], operations: Readonly<Record<string, Level>>): LevelGroup[] {
  const granted = new Set(allowed);
  return LEVELS.map((level) => {
    const ofLevel = Object.keys(operations).filter((operation) => operations[operation] === level);
    const mine = ofLevel.filter((operation) => granted.has(operation));
    const summary = mine.length === 0 ? 'none' : mine.length === ofLevel.length ? 'all' : 'some';
    return { level, allowed: mine, summary };
  });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function operationTable(value: unknown): Record<string, Level> {
  const table: Record<string, Level> = {};
  for (const [operation, level] of Object.entries(objectOf(value) ?? {})) if (isLevel(level)) table[operation] = level;
  return table;
}

function layerOf(value: unknown): AccessLayer | undefined {
  const obj = objectOf(value);
  if (!obj || typeof obj.layer !== 'string' || typeof obj.file !== 'string') return undefined;
  return { layer: obj.layer, file: obj.file, present: obj.present === true };
}

/** The view of an `api/access` answer, or undefined when it is not one. */
export function parseAccessAnswer(body: unknown): AccessView | undefined {
  const obj = objectOf(body);
  if (!obj || !Array.isArray(obj.rows)) return undefined;
  const owner = typeof obj.owner === 'string' ? obj.owner : '';
  const operations = operationTable(obj.operations);
  const rows: AccessRow[] = [];
  for (const raw of obj.rows) {
    const row = objectOf(raw);
    if (!row || typeof row.subject !== 'string' || row.subject === '') continue;
    rows.push({
      subject: row.subject,
      kind: subjectKind(row.subject, owner),
      label: subjectLabel(row.subject, owner),
      maxLevel: isLevel(row.maxLevel) ? row.maxLevel : undefined,
      groups: groupByLevel(strings(row.allowed), operations),
    });
  }
  return {
    workflow: typeof obj.workflow === 'string' ? obj.workflow : '',
    policy: obj.policy !== false,
    note: typeof obj.note === 'string' && obj.note !== '' ? obj.note : undefined,
    layers: Array.isArray(obj.layers) ? obj.layers.map(layerOf).filter((layer): layer is AccessLayer => layer !== undefined) : [],
    problems: strings(obj.problems),
    rows: rows.sort(compareRows),
  };
}

/** Whether the page should offer the view at all: the server answers it to the owner only (kiosk screens never). */
export function offersAccessView(visitor: string, owner: string, kiosk: boolean): boolean {
  return !kiosk && visitor !== '' && visitor === owner;
}
