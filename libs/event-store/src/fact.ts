import { randomUUID } from 'node:crypto';
import type { EventToAppend, MetadataActor } from './event-store.port';
import type { JsonObject } from './json';

/**
 * An event that records something that happened rather than a decided command — a read of a case, an
 * operator's rebuild: no command carried it, so it is its own command, and it is appended to a stream
 * that only ever grows (no expected revision to check).
 */
export function recordedFact(
  type: string,
  data: JsonObject,
  actor: MetadataActor,
  at: string,
): EventToAppend {
  const id = randomUUID();
  return {
    id,
    type,
    data,
    metadata: {
      commandId: id,
      correlationId: id,
      causationId: null,
      actor: {
        subject: actor.subject,
        role: actor.role,
        municipalityId: actor.municipalityId,
        serviceId: actor.serviceId,
      },
      municipalityId: actor.municipalityId,
      occurredAt: at,
      schemaVersion: 1,
    },
  };
}
