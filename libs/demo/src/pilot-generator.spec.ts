import { childrenPerMunicipality, pilotHistory, type GeneratedUnit } from './pilot-generator';
import { PILOT_MUNICIPALITIES } from './pilot-municipalities';

const NOW = new Date('2026-11-29T12:00:00.000Z');
const all = (subjects: number, seed = 2020): GeneratedUnit[] => [
  ...pilotHistory({ subjects, seed, now: NOW }),
];

describe('the pilot demo generator', () => {
  it('gives the same histories for the same seed and day, and others for another seed', () => {
    expect(JSON.stringify(all(200))).toBe(JSON.stringify(all(200)));
    expect(JSON.stringify(all(200, 7))).not.toBe(JSON.stringify(all(200)));
  });

  it('sizes the municipalities by population, the smallest with a few children still', () => {
    const counts = childrenPerMunicipality(800);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(790);
    expect(total).toBeLessThanOrEqual(820);
    expect(Math.max(...counts.values())).toBe(counts.get('trondheim'));
    expect(counts.get('siljan')).toBeGreaterThanOrEqual(3);
    expect(counts.get('larvik')).toBeGreaterThan(counts.get('horten') as number);
  });

  it('enrols the twelve municipalities in their counties with the reports’ grants and allocations', () => {
    const units = all(100);
    const enrolled = units
      .flat()
      .flatMap((s) => s.events)
      .filter((e) => e.event.type === 'MunicipalityEnrolled')
      .map((e) => e.event.data as { municipalityId: string; county: string });
    expect(enrolled.map((m) => m.municipalityId).sort()).toEqual(
      PILOT_MUNICIPALITIES.map((m) => m.municipalityId).sort(),
    );
    expect(enrolled.filter((m) => m.county === 'Innlandet')).toHaveLength(4);
    for (const m of PILOT_MUNICIPALITIES) {
      const grants = units
        .flat()
        .filter((s) => s.stream === `programme-${m.municipalityId}`)
        .flatMap((s) => s.events)
        .filter((e) => e.event.type === 'GrantAllocated')
        .map((e) => e.event.data as { year: number; amountNok: number });
      const sum = (year: number) =>
        grants.filter((g) => g.year === year).reduce((total, g) => total + g.amountNok, 0);
      expect([sum(2020), sum(2021), sum(2022)]).toEqual(m.pilotAllocations);
      expect(sum(2019)).toBe(Object.values(m.grants2019).reduce((a, b) => a + b, 0) * 1000);
    }
  });

  it('writes every stream in time order, and nothing after today', () => {
    for (const stream of all(400).flat()) {
      const times = stream.events.map((e) => e.at);
      expect([...times].sort()).toEqual(times);
      expect(times.every((at) => at <= NOW.toISOString().slice(0, 10) + 'T23:59:59Z')).toBe(true);
    }
  });

  it('takes children through the whole journey: concerns, logs, measures, meetings, closings', () => {
    const types = new Set(
      all(800)
        .flat()
        .flatMap((s) => s.events.map((e) => e.event.type)),
    );
    for (const type of [
      'ConcernNoted',
      'ConcernDecided',
      'ConsentGiven',
      'ConsentRefused',
      'StafettloggOpened',
      'ServiceJoined',
      'EntryAdded',
      'MeasureEvaluated',
      'StafettholderHandoverAccepted',
      'LevelChanged',
      'MeetingStarted',
      'MeetingEvaluatedByFamily',
      'EttermoteRecorded',
      'CaseReferredToArena',
      'AnonymousDiscussionAdvised',
      'StafettloggClosed',
      'ChildBorn',
    ])
      expect(types).toContain(type);
  });
});
