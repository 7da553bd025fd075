/**
 * The central log's table. Each row keeps the record's fields as columns
 * (for the audit pages' filters) and the record itself as canonical JSON
 * (what was hashed). `sender` is the owner whose UI server sent the row, or
 * NULL for hub-service's own records (elevations, drops, expiries, failed
 * re-authentications), which belong to no chain.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY,
  sender TEXT,
  chain TEXT,
  seq INTEGER,
  prev TEXT,
  hash TEXT,
  time TEXT NOT NULL,
  person TEXT NOT NULL,
  operation TEXT NOT NULL,
  owner TEXT NOT NULL,
  workflow TEXT,
  task TEXT,
  cycle TEXT,
  level TEXT NOT NULL,
  session TEXT,
  grant_id TEXT,
  result TEXT NOT NULL,
  detail TEXT,
  record TEXT NOT NULL,
  received TEXT NOT NULL,
  UNIQUE (sender, chain, seq)
);
CREATE INDEX IF NOT EXISTS audit_time ON audit (time);
CREATE INDEX IF NOT EXISTS audit_person_time ON audit (person, time);
CREATE INDEX IF NOT EXISTS audit_owner_workflow_time ON audit (owner, workflow, time);
`;

/** A row as better-sqlite3 returns it. */
export interface AuditRow {
  readonly id: number;
  readonly sender: string | null;
  readonly chain: string | null;
  readonly seq: number | null;
  readonly hash: string | null;
  readonly record: string;
  readonly received: string;
}
