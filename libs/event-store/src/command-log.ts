import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AppendResult, CommandRecord } from './event-store.port';

interface CommandLogRow {
  stream: string;
  next_expected_revision: string;
  position: string;
  fingerprint: string | null;
  event_types: string;
}

/**
 * Remembers the result of every append made under a commandId, for stores whose own duplicate check is
 * only best effort (EventStoreDB). Kept in a local SQLite file (the read-model database by default).
 */
export class SqliteCommandLog {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], CommandLogRow>;
  private readonly insert: Database.Statement<
    [string, string, string, string, string | null, string]
  >;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS command_log (
      command_id TEXT PRIMARY KEY,
      stream TEXT NOT NULL,
      next_expected_revision TEXT NOT NULL,
      position TEXT NOT NULL
    ) WITHOUT ROWID`);
    const columns = (this.db.pragma('table_info(command_log)') as { name: string }[]).map(
      (column) => column.name,
    );
    if (!columns.includes('fingerprint')) {
      this.db.exec(`ALTER TABLE command_log ADD COLUMN fingerprint TEXT;
        ALTER TABLE command_log ADD COLUMN event_types TEXT NOT NULL DEFAULT '[]'`);
    }
    this.select = this.db.prepare(
      `SELECT stream, next_expected_revision, position, fingerprint, event_types
       FROM command_log WHERE command_id = ?`,
    );
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO command_log
       (command_id, stream, next_expected_revision, position, fingerprint, event_types)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  find(commandId: string): CommandRecord | undefined {
    const row = this.select.get(commandId);
    if (!row) return undefined;
    return {
      stream: row.stream,
      nextExpectedRevision: BigInt(row.next_expected_revision),
      position: BigInt(row.position),
      duplicate: true,
      eventTypes: JSON.parse(row.event_types) as string[],
      fingerprint: row.fingerprint,
    };
  }

  record(commandId: string, stream: string, result: AppendResult): void {
    this.insert.run(
      commandId,
      stream,
      String(result.nextExpectedRevision),
      String(result.position),
      result.fingerprint,
      JSON.stringify(result.eventTypes),
    );
  }

  close(): void {
    this.db.close();
  }
}
