import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { JsonObject } from '@bti/domain';
import type { SubscriptionBatch } from '@bti/event-store';
import type { DocumentProjection } from './document-projection';

export class CheckpointMoved extends Error {
  constructor(readonly projection: string) {
    super(
      `The checkpoint of projection ${projection} was moved by another runner; this batch is dropped`,
    );
    this.name = 'CheckpointMoved';
  }
}

export interface DocumentPage<Doc> {
  readonly items: { id: string; document: Doc }[];
  /** Pass as `after` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * Read models as JSON documents in SQLite, with each projection's checkpoint in the same file, so a
 * batch of changes and the checkpoint that covers it commit in one transaction: a crash can neither
 * skip an event nor apply one twice.
 */
export class SqliteReadModelStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly applyInTransaction: Database.Transaction<
    (projection: DocumentProjection, batch: SubscriptionBatch) => void
  >;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    // Read models can always be rebuilt from the log; NORMAL keeps each commit atomic (data and
    // checkpoint together), and a commit lost to a power cut is simply replayed.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS documents (
        collection TEXT NOT NULL,
        id         TEXT NOT NULL,
        document   TEXT NOT NULL,
        PRIMARY KEY (collection, id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoints (
        projection TEXT PRIMARY KEY,
        version    INTEGER NOT NULL,
        position   INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    const db = this.db;
    this.statements = {
      getDocument: db.prepare<[string, string], { document: string }>(
        'SELECT document FROM documents WHERE collection = ? AND id = ?',
      ),
      putDocument: db.prepare<[string, string, string]>(
        `INSERT INTO documents (collection, id, document) VALUES (?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET document = excluded.document`,
      ),
      deleteDocument: db.prepare<[string, string]>(
        'DELETE FROM documents WHERE collection = ? AND id = ?',
      ),
      deleteCollection: db.prepare<[string]>('DELETE FROM documents WHERE collection = ?'),
      listDocuments: db.prepare<[string, string, number], { id: string; document: string }>(
        'SELECT id, document FROM documents WHERE collection = ? AND id > ? ORDER BY id LIMIT ?',
      ),
      getCheckpoint: db.prepare<[string], { version: number; position: number }>(
        'SELECT version, position FROM checkpoints WHERE projection = ?',
      ),
      putCheckpoint: db.prepare<[string, number, bigint, string]>(
        `INSERT INTO checkpoints (projection, version, position, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET version = excluded.version,
           position = excluded.position, updated_at = excluded.updated_at`,
      ),
      advanceCheckpoint: db.prepare<[bigint, string, string, bigint]>(
        'UPDATE checkpoints SET position = ?, updated_at = ? WHERE projection = ? AND position = ?',
      ),
    };
    this.applyInTransaction = this.db.transaction((projection, batch) =>
      this.applyBatchUnsafe(projection, batch),
    );
  }

  /**
   * Makes sure the projection has a checkpoint. A projection whose version changed starts again
   * from position 0 with an empty collection.
   */
  register(projection: DocumentProjection): void {
    const stored = this.statements.getCheckpoint.get(projection.name);
    if (stored && stored.version === projection.version) return;
    this.reset(projection);
  }

  /** Empties the projection's collection and sets its checkpoint to 0, in one transaction. */
  reset(projection: DocumentProjection): void {
    this.db.transaction(() => {
      this.statements.deleteCollection.run(projection.collection);
      this.statements.putCheckpoint.run(
        projection.name,
        projection.version,
        0n,
        new Date().toISOString(),
      );
    })();
  }

  checkpoint(projectionName: string): bigint {
    const row = this.statements.getCheckpoint.get(projectionName);
    return BigInt(row?.position ?? 0);
  }

  /** Applies one subscription batch and moves the checkpoint, all or nothing. */
  applyBatch(projection: DocumentProjection, batch: SubscriptionBatch): void {
    this.applyInTransaction.immediate(projection, batch);
  }

  private applyBatchUnsafe(projection: DocumentProjection, batch: SubscriptionBatch): void {
    const checkpoint = this.checkpoint(projection.name);
    if (batch.position <= checkpoint) return;
    const changed = new Map<string, JsonObject | null>();
    for (const event of batch.events) {
      // An event at or below the checkpoint was applied already (a redelivery after a resubscribe).
      if (event.position <= checkpoint) continue;
      for (const id of projection.documentIds(event)) {
        const current = changed.has(id)
          ? (changed.get(id) ?? null)
          : this.loadDocument(projection.collection, id);
        changed.set(id, projection.evolve(current, event));
      }
    }
    for (const [id, document] of changed) {
      if (document === null) this.statements.deleteDocument.run(projection.collection, id);
      else this.statements.putDocument.run(projection.collection, id, JSON.stringify(document));
    }
    const moved = this.statements.advanceCheckpoint.run(
      batch.position,
      new Date().toISOString(),
      projection.name,
      checkpoint,
    );
    if (moved.changes !== 1) throw new CheckpointMoved(projection.name);
  }

  private loadDocument(collection: string, id: string): JsonObject | null {
    const row = this.statements.getDocument.get(collection, id);
    return row ? (JSON.parse(row.document) as JsonObject) : null;
  }

  getDocument<Doc = JsonObject>(collection: string, id: string): Doc | null {
    return this.loadDocument(collection, id) as Doc | null;
  }

  listDocuments<Doc = JsonObject>(
    collection: string,
    options: { after?: string; limit?: number } = {},
  ): DocumentPage<Doc> {
    const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
    const rows = this.statements.listDocuments.all(collection, options.after ?? '', limit + 1);
    const items = rows
      .slice(0, limit)
      .map((row) => ({ id: row.id, document: JSON.parse(row.document) as Doc }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /**
   * Documents whose top-level fields equal the given values, in id order, a page at a time. Field
   * names come from code, never from a request.
   */
  findDocuments<Doc = JsonObject>(
    collection: string,
    where: Record<string, string | number | boolean>,
    options: { after?: string; limit?: number } = {},
  ): DocumentPage<Doc> {
    const fields = Object.keys(where);
    for (const field of fields) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(field))
        throw new Error(`Not a document field name: ${field}`);
    }
    const limit = Math.max(1, Math.min(options.limit ?? 50, 500));
    const conditions = fields
      .map((field) => `AND json_extract(document, '$.${field}') = ?`)
      .join(' ');
    const values = fields.map((field) => {
      const value = where[field];
      return typeof value === 'boolean' ? Number(value) : value;
    });
    const rows = this.db
      .prepare<unknown[], { id: string; document: string }>(
        `SELECT id, document FROM documents WHERE collection = ? AND id > ? ${conditions} ORDER BY id LIMIT ?`,
      )
      .all(collection, options.after ?? '', ...values, limit + 1);
    const items = rows
      .slice(0, limit)
      .map((row) => ({ id: row.id, document: JSON.parse(row.document) as Doc }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** Every document of a collection, for comparisons and exports. */
  dumpCollection(collection: string): Record<string, JsonObject> {
    const result: Record<string, JsonObject> = {};
    let after: string | undefined;
    for (;;) {
      const page = this.listDocuments(collection, { after, limit: 500 });
      for (const item of page.items) result[item.id] = item.document;
      if (!page.nextCursor) return result;
      after = page.nextCursor;
    }
  }

  ping(): void {
    this.db.prepare('SELECT 1').get();
  }

  close(): void {
    this.db.close();
  }
}
