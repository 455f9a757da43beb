import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The per-family keys that personal data in events is encrypted under, in a SQLite file of its own,
 * apart from the events: deleting a family's key erases its personal data everywhere the events are
 * (copies and backups of the event store included). `secure_delete` overwrites a deleted key's bytes,
 * and `erase` checkpoints and truncates the WAL, so no copy of the key stays in either file.
 *
 * It also remembers which family each single-family stream (and each arena referral) belongs to, so
 * that an event that does not name its family is still encrypted under the right key.
 */
/** How many keys and stream families are kept in memory before the caches start again. */
const MAX_CACHED = 100_000;

const remember = <V>(cache: Map<string, V>, key: string, value: V) => {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
};

export class SqliteKeyStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly keys = new Map<string, Buffer>();
  private readonly anchors = new Map<string, string>();

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    // A key must be on disk before the event encrypted under it is acknowledged.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS family_keys (
        family_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS erased_families (
        family_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS family_anchors (
        anchor TEXT PRIMARY KEY, family_id TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    const db = this.db;
    this.statements = {
      key: db.prepare<[string], { key: Buffer }>('SELECT key FROM family_keys WHERE family_id = ?'),
      insertKey: db.prepare<[string, Buffer, string]>(
        'INSERT OR IGNORE INTO family_keys (family_id, key, created_at) VALUES (?, ?, ?)',
      ),
      deleteKey: db.prepare<[string]>('DELETE FROM family_keys WHERE family_id = ?'),
      erased: db.prepare<[string], { erased_at: string }>(
        'SELECT erased_at FROM erased_families WHERE family_id = ?',
      ),
      markErased: db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO erased_families (family_id, erased_at) VALUES (?, ?)',
      ),
      anchor: db.prepare<[string], { family_id: string }>(
        'SELECT family_id FROM family_anchors WHERE anchor = ?',
      ),
      insertAnchor: db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO family_anchors (anchor, family_id) VALUES (?, ?)',
      ),
    };
  }

  /** The family's key, made on first use; null once the family is erased (it is never made again). */
  keyFor(familyId: string): Buffer | null {
    const cached = this.keys.get(familyId);
    if (cached) return cached;
    const stored = this.statements.key.get(familyId)?.key;
    if (stored) {
      remember(this.keys, familyId, stored);
      return stored;
    }
    if (this.isErased(familyId)) return null;
    this.statements.insertKey.run(familyId, randomBytes(32), new Date().toISOString());
    const made = this.statements.key.get(familyId)?.key ?? null;
    if (made) remember(this.keys, familyId, made);
    return made;
  }

  /** The family's key if it has one, without making it. */
  existingKey(familyId: string): Buffer | null {
    return this.keys.get(familyId) ?? this.statements.key.get(familyId)?.key ?? null;
  }

  isErased(familyId: string): boolean {
    return this.statements.erased.get(familyId) !== undefined;
  }

  /** Deletes the family's key for good and makes sure no copy of it stays in the file or its WAL. */
  erase(familyId: string, at: string): void {
    this.db.transaction(() => {
      this.statements.deleteKey.run(familyId);
      this.statements.markErased.run(familyId, at);
    })();
    this.keys.delete(familyId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** The family a stream or a referral belongs to, as remembered when its first event named it. */
  familyOf(anchor: string): string | null {
    const cached = this.anchors.get(anchor);
    if (cached) return cached;
    const stored = this.statements.anchor.get(anchor)?.family_id ?? null;
    if (stored) remember(this.anchors, anchor, stored);
    return stored;
  }

  remember(anchor: string, familyId: string): void {
    if (this.anchors.get(anchor) === familyId) return;
    this.statements.insertAnchor.run(anchor, familyId);
    remember(this.anchors, anchor, familyId);
  }

  close(): void {
    this.db.close();
  }
}
