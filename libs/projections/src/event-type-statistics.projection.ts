import { documentProjection } from '@bti/read-models';

export const EVENT_TYPE_STATISTICS = 'event_type_statistics';

export interface EventTypeStatistics {
  /** The municipality the events were written for; null for installation-wide events. */
  municipalityId: string | null;
  type: string;
  count: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  /** The log position of the last of them (sealed when answered, as every position a reader gets). */
  lastPosition: string;
}

/**
 * How many events of each type the log holds, per municipality: the operator's view of the whole
 * installation, and each municipality admin's view of its own share. Counts only, no case content.
 */
export const eventTypeStatisticsProjection = documentProjection<EventTypeStatistics>({
  name: 'event-type-statistics',
  version: 2,
  collection: EVENT_TYPE_STATISTICS,
  indexes: ['municipalityId'],
  documentIds: (event) => [`${event.metadata.municipalityId ?? '-'}/${event.type}`],
  evolve: (current, event) => ({
    municipalityId: event.metadata.municipalityId ?? null,
    type: event.type,
    count: (current?.count ?? 0) + 1,
    firstRecordedAt: current?.firstRecordedAt ?? event.metadata.recordedAt,
    lastRecordedAt: event.metadata.recordedAt,
    lastPosition: String(event.position),
  }),
});
