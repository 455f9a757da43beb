import { documentProjection } from './document-projection';
import { projectionSpec } from './testing/projection-spec';

interface Tally {
  readonly familyId: string;
  readonly notes: string[];
}

const tallies = documentProjection<Tally>({
  name: 'tallies',
  version: 1,
  collection: 'tallies',
  indexes: ['familyId'],
  documentIds: (event) => [event.stream],
  evolve(tally, event) {
    const note = (event.data as { note: string }).note;
    if (note === 'boom') throw new Error('a projection bug');
    if (note === 'forget') return null;
    return { familyId: event.stream, notes: [...(tally?.notes ?? []), note] };
  },
});

const spec = projectionSpec(tallies);
const noted = (stream: string, note: string) => ({ stream, type: 'Noted', data: { note } });

describe('a document projection', () => {
  const events = [
    noted('family-a', 'one'),
    noted('family-b', 'first'),
    noted('family-a', 'two'),
    noted('family-a', 'forget'),
    noted('family-a', 'again'),
    noted('family-b', 'second'),
  ];

  it('gives the same documents whether a batch holds one event or all of them', () => {
    const oneByOne = spec.given(events, 1).dumpCollection('tallies');
    const allAtOnce = spec.given(events).dumpCollection('tallies');
    expect(allAtOnce).toEqual(oneByOne);
    expect(allAtOnce).toEqual({
      'family-a': { familyId: 'family-a', notes: ['again'] },
      'family-b': { familyId: 'family-b', notes: ['first', 'second'] },
    });
  });

  it('writes nothing of a batch that fails, and forgets what it held back for it', () => {
    const store = spec.given([noted('family-a', 'kept')]);
    const at = (position: number, note: string) => ({
      id: `e-${position}`,
      stream: 'family-a',
      type: 'Noted',
      revision: BigInt(position - 1),
      position: BigInt(position),
      data: { note },
      metadata: {
        commandId: `c-${position}`,
        correlationId: `c-${position}`,
        causationId: null,
        actor: { subject: 's', role: 'staff' as const, municipalityId: null, serviceId: null },
        municipalityId: null,
        occurredAt: '2026-03-20T10:00:00.000Z',
        recordedAt: '2026-03-20T10:00:00.000Z',
        schemaVersion: 1,
      },
    });
    expect(() =>
      store.applyBatch(tallies, { events: [at(2, 'lost'), at(3, 'boom')], position: 3n }),
    ).toThrow('a projection bug');
    store.applyBatch(tallies, { events: [at(2, 'next')], position: 2n });
    expect(store.getDocument('tallies', 'family-a')).toEqual({
      familyId: 'family-a',
      notes: ['kept', 'next'],
    });
    expect(store.checkpoint('tallies')).toBe(2n);
  });
});
