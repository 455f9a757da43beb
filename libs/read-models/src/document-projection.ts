import type { EventFilter, JsonObject, RecordedEvent } from '@bti/event-store';
import { assertIdentifier, type Projection } from './projection';

/** A small read model kept as one JSON document per id; for things that stay small. */
export interface DocumentProjection<Doc extends object = JsonObject> extends Projection {
  /** The document type, for typing only. */
  readonly document?: Doc;
  readonly collection: string;
  /** Top-level fields copied into indexed columns, so queries filter on columns, not on JSON. */
  readonly indexes: readonly string[];
}

export interface DocumentProjectionDefinition<Doc extends object> {
  readonly name: string;
  readonly version: number;
  /** The table; also the name queries use. */
  readonly collection: string;
  readonly indexes?: readonly string[];
  readonly filter?: EventFilter;
  documentIds(event: RecordedEvent): readonly string[];
  /** The new document, or null to delete it. */
  evolve(document: Doc | null, event: RecordedEvent): Doc | null;
}

const column = (value: unknown): string | number | null =>
  typeof value === 'string' || typeof value === 'number'
    ? value
    : typeof value === 'boolean'
      ? Number(value)
      : null;

/** A projection that keeps one document per id in a table of its own, with indexed columns. */
export function documentProjection<Doc extends object>(
  definition: DocumentProjectionDefinition<Doc>,
): DocumentProjection<Doc> {
  const table = assertIdentifier(definition.collection);
  const indexes = (definition.indexes ?? []).map((field) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`Not a document field: ${field}`);
    return field;
  });
  const columns = indexes.map((field) => `"${field}"`);
  return {
    name: definition.name,
    version: definition.version,
    collection: table,
    indexes,
    tables: [table],
    filter: definition.filter,
    schema: [
      `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, document TEXT NOT NULL${columns
        .map((c) => `, ${c}`)
        .join('')}) WITHOUT ROWID;`,
      ...indexes.map(
        (field) =>
          `CREATE INDEX IF NOT EXISTS ${table}_by_${field.toLowerCase()} ON ${table} ("${field}", id);`,
      ),
    ].join('\n'),
    prepare(db) {
      const get = db.prepare<[string], { document: string }>(
        `SELECT document FROM ${table} WHERE id = ?`,
      );
      const put = db.prepare<unknown[]>(
        `INSERT INTO ${table} (id, document${columns.map((c) => `, ${c}`).join('')})
         VALUES (?, ?${columns.map(() => ', ?').join('')})
         ON CONFLICT (id) DO UPDATE SET document = excluded.document${columns
           .map((c) => `, ${c} = excluded.${c}`)
           .join('')}`,
      );
      const remove = db.prepare<[string]>(`DELETE FROM ${table} WHERE id = ?`);
      // A batch's documents are evolved in memory and written once at its end: a family's document
      // touched by forty events of one batch is parsed and written once, not forty times.
      const held = new Map<string, Doc | null>();
      const current = (id: string): Doc | null => {
        if (held.has(id)) return held.get(id) ?? null;
        const row = get.get(id);
        return row ? (JSON.parse(row.document) as Doc) : null;
      };
      const apply = (event: RecordedEvent) => {
        for (const id of definition.documentIds(event))
          held.set(id, definition.evolve(current(id), event));
      };
      return Object.assign(apply, {
        endBatch() {
          for (const [id, next] of held) {
            if (next === null) remove.run(id);
            else
              put.run(
                id,
                JSON.stringify(next),
                ...indexes.map((field) => column((next as Record<string, unknown>)[field])),
              );
          }
          held.clear();
        },
        discardBatch() {
          held.clear();
        },
      });
    },
  };
}
