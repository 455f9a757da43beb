import type { JsonObject } from '@bti/domain';
import type { EventFilter, RecordedEvent } from '@bti/event-store';

/**
 * A pure projection into documents: for each event, which documents it touches and how each one
 * evolves. No I/O and no clock, so replaying the log always gives the same read model.
 */
export interface DocumentProjection<Doc extends JsonObject = JsonObject> {
  /** Stable name; the checkpoint is stored under it. */
  readonly name: string;
  /** Raise it when `evolve` changes meaning: the read model is then rebuilt from position 0. */
  readonly version: number;
  /** The collection this projection owns; no other projection writes to it. */
  readonly collection: string;
  /** Which events to subscribe to (evaluated by the store). */
  readonly filter?: EventFilter;
  documentIds(event: RecordedEvent): readonly string[];
  /** The new document, or null to delete it. */
  evolve(document: Doc | null, event: RecordedEvent): Doc | null;
}
