import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject, RecordedEvent } from '@bti/event-store';
import type { Projection } from '../projection';
import { SqliteReadModelStore } from '../sqlite-read-model-store';

/** An event as a projection receives it: in its stream at the next revision, at the next position. */
export interface GivenEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: object;
  readonly municipalityId?: string | null;
  /** When the command was made (default 2026-03-20T10:00:00.000Z). */
  readonly occurredAt?: string;
}

/**
 * Projection specifications: given(events) builds the read model in a fresh SQLite file, one batch per
 * `batchSize` events; `then` hands the store to the test. Revisions and positions are assigned in order.
 */
export function projectionSpec(projection: Projection) {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return {
    given(events: readonly GivenEvent[], batchSize = events.length || 1): SqliteReadModelStore {
      const dir = mkdtempSync(join(tmpdir(), 'bti-projection-'));
      dirs.push(dir);
      const store = new SqliteReadModelStore(join(dir, 'read-models.sqlite'));
      store.register(projection);
      const revisions = new Map<string, bigint>();
      const recorded = events.map((event, index): RecordedEvent => {
        const revision = (revisions.get(event.stream) ?? -1n) + 1n;
        revisions.set(event.stream, revision);
        return {
          id: `e-${index}`,
          stream: event.stream,
          type: event.type,
          revision,
          position: BigInt(index + 1),
          data: event.data as JsonObject,
          metadata: {
            commandId: `c-${index}`,
            correlationId: `c-${index}`,
            causationId: null,
            actor: { subject: 's', role: 'staff', municipalityId: null, serviceId: null },
            municipalityId: event.municipalityId ?? null,
            occurredAt: event.occurredAt ?? '2026-03-20T10:00:00.000Z',
            recordedAt: '2026-03-20T10:00:00.000Z',
            schemaVersion: 1,
          },
        };
      });
      for (let i = 0; i < recorded.length; i += batchSize) {
        const batch = recorded.slice(i, i + batchSize);
        store.applyBatch(projection, { events: batch, position: batch[batch.length - 1].position });
      }
      return store;
    },
  };
}
