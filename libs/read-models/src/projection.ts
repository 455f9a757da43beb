import type Database from 'better-sqlite3';
import type { EventFilter, RecordedEvent } from '@bti/event-store';

/**
 * A projection shaped for its readers: it owns a few SQLite tables (rows per item, with the columns
 * its queries filter on indexed), and applies each event as a handful of row writes. Pure in the
 * sense that matters: no clock, no other I/O, so replaying the log always gives the same tables.
 */
export interface Projection {
  /** Stable name; the checkpoint is stored under it. */
  readonly name: string;
  /** Raise it when the tables or `apply` change meaning: the read model is rebuilt from position 0. */
  readonly version: number;
  /** The tables this projection owns; no other projection writes to them or reads them. */
  readonly tables: readonly string[];
  /** Creates the tables and their indexes (`IF NOT EXISTS`). */
  readonly schema: string;
  /** Which events to subscribe to (evaluated by the store). */
  readonly filter?: EventFilter;
  /**
   * Prepares the statements once; the returned function applies one event inside the batch's
   * transaction. It may carry `endBatch` (write what it held back for the batch, still inside the
   * transaction) and `discardBatch` (forget it: the batch was rolled back).
   */
  readonly prepare: (db: Database.Database) => EventApplier;
}

export type EventApplier = ((event: RecordedEvent) => void) & {
  readonly endBatch?: () => void;
  readonly discardBatch?: () => void;
};

/** Column names and table names come from code; this keeps them from ever being anything else. */
export function assertIdentifier(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`Not a table or column name: ${name}`);
  return name;
}
