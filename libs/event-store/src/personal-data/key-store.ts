import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { OthersCommits } from '../sqlite/others-commits';

/** How many keys are kept in memory before the cache starts again. */
const MAX_CACHED = 100_000;

/**
 * The per-family keys that personal data in events is encrypted under, in a SQLite file of its own,
 * apart from the events: deleting a family's key erases its personal data everywhere the events are
 * (copies and backups of the event store included). `secure_delete` overwrites a deleted key's bytes,
 * and `erase` checkpoints and truncates the WAL, so no copy of the key stays in either file.
 *
 * A new key is on disk before any event encrypted under it is written: `persist()` commits the keys
 * made since the last call in one transaction (one fsync for all the appends of a turn of the event
 * loop, as the event store's group commit does for events).
 */
export class SqliteKeyStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly keys = new Map<string, Buffer>();
  private pending = new Map<string, Buffer>();
  private flushing: Promise<void> | null = null;
  /**
   * Whether families are erased, as this store last read it: every event sealed asks (2 % of the
   * API's thread under bench:http, a query each). Trusted while no other connection (another node
   * sharing the file) has committed since — `PRAGMA data_version`, asked once per turn of the event
   * loop, says when one has; this connection's own erasures are written into it.
   */
  private readonly erasedAnswers = new Map<string, boolean>();
  private readonly othersCommits: OthersCommits;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS family_keys (
        family_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS installation_keys (
        name TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS erased_families (
        family_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL, read_models_purged_at TEXT
      ) WITHOUT ROWID;
    `);
    const columns = (this.db.pragma('table_info(erased_families)') as { name: string }[]).map(
      (column) => column.name,
    );
    if (!columns.includes('read_models_purged_at'))
      this.db.exec('ALTER TABLE erased_families ADD COLUMN read_models_purged_at TEXT');
    const db = this.db;
    this.othersCommits = new OthersCommits(db);
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
      installationKey: db.prepare<[string], { key: Buffer }>(
        'SELECT key FROM installation_keys WHERE name = ?',
      ),
      insertInstallationKey: db.prepare<[string, Buffer, string]>(
        'INSERT OR IGNORE INTO installation_keys (name, key, created_at) VALUES (?, ?, ?)',
      ),
      erasedFamilies: db.prepare<[], { family_id: string }>(
        'SELECT family_id FROM erased_families ORDER BY family_id',
      ),
    };
  }

  /**
   * The family's key, made on first use (call `persist()` before writing anything encrypted under a
   * new one); null once the family is erased: it is never made again.
   */
  keyFor(familyId: string): Buffer | null {
    const known = this.existingKey(familyId);
    if (known) return known;
    if (this.isErased(familyId)) return null;
    const made = randomBytes(32);
    this.pending.set(familyId, made);
    this.cache(familyId, made);
    return made;
  }

  /**
   * A key of the whole installation by name (32 bytes), made and committed on first use; every node
   * sharing this key store reads the same one (the first to write it wins).
   */
  installationKey(name: string): Buffer {
    this.statements.insertInstallationKey.run(name, randomBytes(32), new Date().toISOString());
    return (this.statements.installationKey.get(name) as { key: Buffer }).key;
  }

  /** The family's key if it has one, without making it. */
  existingKey(familyId: string): Buffer | null {
    const cached = this.keys.get(familyId) ?? this.pending.get(familyId);
    if (cached) return cached;
    const stored = this.statements.key.get(familyId)?.key ?? null;
    if (stored) this.cache(familyId, stored);
    return stored;
  }

  /** Resolves once every key made so far is on disk; the keys of one turn share one commit. */
  persist(): Promise<void> {
    if (this.pending.size === 0 && !this.flushing) return Promise.resolve();
    this.flushing ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        const batch = this.pending;
        this.pending = new Map();
        this.flushing = null;
        try {
          const at = new Date().toISOString();
          this.db.transaction(() => {
            for (const [familyId, key] of batch) this.statements.insertKey.run(familyId, key, at);
          })();
          // A key made twice at once (two nodes): the one stored first is the family's.
          for (const familyId of batch.keys()) {
            const stored = this.statements.key.get(familyId)?.key;
            if (stored) this.cache(familyId, stored);
          }
          resolve();
        } catch (error) {
          for (const familyId of batch.keys()) this.keys.delete(familyId);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    return this.flushing;
  }

  /**
   * Whether the family's key was erased, here or by another node sharing this store: another's
   * erasure committed during the current turn of the event loop is seen from the next one on.
   */
  isErased(familyId: string): boolean {
    if (this.othersCommits.sinceAsked()) this.erasedAnswers.clear();
    const known = this.erasedAnswers.get(familyId);
    if (known !== undefined) return known;
    const erased = this.statements.erased.get(familyId) !== undefined;
    if (this.erasedAnswers.size >= MAX_CACHED) this.erasedAnswers.clear();
    this.erasedAnswers.set(familyId, erased);
    return erased;
  }

  /** Deletes the family's key for good and makes sure no copy of it stays in the file or its WAL. */
  erase(familyId: string, at: string): void {
    this.db.transaction(() => {
      this.statements.deleteKey.run(familyId);
      this.statements.markErased.run(familyId, at);
    })();
    this.keys.delete(familyId);
    this.pending.delete(familyId);
    // This connection's own commit does not move its data_version.
    this.erasedAnswers.set(familyId, true);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * Every family erased in this installation. Which of them a node's read models have been rebuilt
   * without is the node's own record (`SqliteReadModelStore.erasuresTakenUp`): with several nodes
   * sharing this store, each rebuilds its own.
   */
  erasedFamilies(): string[] {
    return this.statements.erasedFamilies.all().map((row) => row.family_id);
  }

  /**
   * Drops the family's key from this process's memory. Another node sharing this store erased the
   * family: the key is gone from the file, but a copy read before would go on opening its events.
   */
  forget(familyId: string): void {
    this.keys.delete(familyId);
    this.pending.delete(familyId);
  }

  close(): void {
    this.db.close();
  }

  private cache(familyId: string, key: Buffer): void {
    if (this.keys.size >= MAX_CACHED) this.keys.clear();
    this.keys.set(familyId, key);
  }
}
