import { projectionSpec } from '@bti/read-models/testing';
import {
  EVENT_TYPE_STATISTICS,
  eventTypeStatisticsProjection,
  type EventTypeStatistics,
} from './event-type-statistics.projection';

describe('the event-type statistics read model', () => {
  const spec = projectionSpec(eventTypeStatisticsProjection);

  it('counts events per municipality and type, and nothing else', () => {
    const store = spec.given([
      {
        stream: 'a-1',
        type: 'EntryAdded',
        data: { personal: { text: 'secret' } },
        municipalityId: 'vt',
      },
      { stream: 'a-1', type: 'EntryAdded', data: {}, municipalityId: 'vt' },
      { stream: 'b-1', type: 'EntryAdded', data: {}, municipalityId: 'siljan' },
      { stream: 'c-1', type: 'Probe', data: {} },
    ]);
    const all = store.listDocuments<EventTypeStatistics>(EVENT_TYPE_STATISTICS);
    expect(all.items.map((i) => [i.id, i.document.count])).toEqual([
      ['-/Probe', 1],
      ['siljan/EntryAdded', 1],
      ['vt/EntryAdded', 2],
    ]);
    expect(JSON.stringify(all)).not.toContain('secret');
    const own = store.findDocuments<EventTypeStatistics>(EVENT_TYPE_STATISTICS, {
      municipalityId: 'vt',
    });
    expect(own.items.map((i) => i.id)).toEqual(['vt/EntryAdded']);
  });
});
