import type Database from 'better-sqlite3';

const SCHEMA_VERSION = 2;

/**
 * `position` is an AUTOINCREMENT key, so a position is never reused, not even after the newest events
 * are deleted. Appends hold SQLite's single write lock, so positions become visible in order: a reader
 * that sees position p has already been able to see every position below p (no gaps to wait for).
 */
export function applySqliteEventStoreSchema(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `Event store file has schema version ${current}; this build understands up to ${SCHEMA_VERSION}`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  if (current === 1) {
    // Version 2 remembers what each command asked for and which events its first append wrote.
    db.exec(`
      ALTER TABLE commands ADD COLUMN fingerprint TEXT;
      ALTER TABLE commands ADD COLUMN event_types TEXT NOT NULL DEFAULT '[]';
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
    return;
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream   TEXT    NOT NULL,
      revision INTEGER NOT NULL,
      id       TEXT    NOT NULL,
      type     TEXT    NOT NULL,
      data     TEXT    NOT NULL,
      metadata TEXT    NOT NULL,
      UNIQUE (stream, revision)
    );
    CREATE TABLE IF NOT EXISTS streams (
      stream   TEXT    PRIMARY KEY,
      revision INTEGER NOT NULL,
      deleted  INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS commands (
      command_id             TEXT    PRIMARY KEY,
      stream                 TEXT    NOT NULL,
      next_expected_revision INTEGER NOT NULL,
      position               INTEGER NOT NULL,
      fingerprint            TEXT,
      event_types            TEXT    NOT NULL DEFAULT '[]'
    ) WITHOUT ROWID;
    PRAGMA user_version = ${SCHEMA_VERSION};
  `);
}
