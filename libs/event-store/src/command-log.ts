import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AppendResult } from './event-store.port';

/**
 * Remembers the result of every append made under a commandId, for stores whose own duplicate check is
 * only best effort (EventStoreDB). Kept in a local SQLite file (the read-model database by default).
 */
export class SqliteCommandLog {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<
    [string],
    { stream: string; next_expected_revision: string; position: string }
  >;
  private readonly insert: Database.Statement<[string, string, string, string]>;

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
    this.select = this.db.prepare(
      'SELECT stream, next_expected_revision, position FROM command_log WHERE command_id = ?',
    );
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO command_log (command_id, stream, next_expected_revision, position) VALUES (?, ?, ?, ?)',
    );
  }

  find(commandId: string): (AppendResult & { stream: string }) | undefined {
    const row = this.select.get(commandId);
    if (!row) return undefined;
    return {
      stream: row.stream,
      nextExpectedRevision: BigInt(row.next_expected_revision),
      position: BigInt(row.position),
      duplicate: true,
    };
  }

  record(commandId: string, stream: string, result: AppendResult): void {
    this.insert.run(
      commandId,
      stream,
      String(result.nextExpectedRevision),
      String(result.position),
    );
  }

  close(): void {
    this.db.close();
  }
}
