import type { JsonObject } from '@bti/domain';
import type { DocumentProjection } from '@bti/read-models';

export interface EventTypeStatistics extends JsonObject {
  type: string;
  count: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  lastPosition: string;
}

/** How many events of each type the log holds: an operator's view, with no case content. */
export const eventTypeStatisticsProjection: DocumentProjection<EventTypeStatistics> = {
  name: 'event-type-statistics',
  version: 1,
  collection: 'event_type_statistics',
  documentIds: (event) => [event.type],
  evolve: (current, event) => ({
    type: event.type,
    count: (current?.count ?? 0) + 1,
    firstRecordedAt: current?.firstRecordedAt ?? event.metadata.recordedAt,
    lastRecordedAt: event.metadata.recordedAt,
    lastPosition: String(event.position),
  }),
};
