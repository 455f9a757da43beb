import { ProjectionTimeout } from '@bti/read-models';
import { projectionSpec } from '@bti/read-models/testing';
import { RegisteredFamilyMemberNames } from './family-member-names-reader';
import { familyMemberNamesProjection } from './family-member-names.projection';

const event = (familyId: string, type: string, data: object) => ({
  stream: `family-${familyId}`,
  type,
  data,
});
const subject = (subjectId: string, name: string | null) => ({
  subjectId,
  kind: 'child',
  identitySubject: null,
  personal: name === null ? null : { name, birthDate: '2018-01-01', expectedBirthDate: null },
});
const guardian = (guardianId: string, name: string) => ({
  guardianId,
  identitySubject: `idp|${guardianId}`,
  parentalResponsibility: true,
  personal: { name, contact: null },
});

const history = [
  event('f1', 'FamilyRegistered', { familyId: 'f1', municipalityId: 'trondheim' }),
  event('f1', 'SubjectAdded', subject('s1', 'Ola Nordmann')),
  event('f1', 'GuardianAdded', guardian('g1', 'Kari Nordmann')),
  event('f1', 'SubjectAdded', {
    ...subject('s2', 'Baby'),
    kind: 'pregnancy',
  }),
  event('f1', 'ChildBorn', {
    subjectId: 's2',
    personal: { name: 'Nora Nordmann', birthDate: '2026-04-28', expectedBirthDate: null },
  }),
  event('f2', 'FamilyRegistered', { familyId: 'f2', municipalityId: 'larvik' }),
  event('f2', 'SubjectAdded', subject('s3', 'Ola Berg')),
  // Read after an erasure: the personal data is gone, and so is the name.
  event('f2', 'SubjectAdded', subject('s4', null)),
];

describe('the registered names an anonymous discussion is checked against', () => {
  const spec = projectionSpec(familyMemberNamesProjection);
  const namesFrom = (events: Parameters<typeof spec.given>[0], batchSize?: number) => {
    const store = spec.given(events, batchSize);
    store.resolvePendingRebuilds(BigInt(events.length));
    const head = BigInt(events.length);
    const reachedHead = {
      waitForPosition: async (
        position: bigint,
        _timeoutMs: number,
        projections: readonly string[],
      ) => {
        if (projections.some((name) => store.checkpoint(name) < position))
          throw new ProjectionTimeout(position);
      },
    };
    return {
      store,
      names: new RegisteredFamilyMemberNames(
        store,
        { headPosition: async () => head },
        reachedHead,
      ),
      behindTheLog: new RegisteredFamilyMemberNames(
        store,
        { headPosition: async () => head + 1n },
        reachedHead,
      ),
    };
  };
  const sorted = async (names: Promise<readonly string[]>) => [...(await names)].sort();

  it('finds, in the municipality, the names whose first given name a text holds, whatever its case', async () => {
    const { names } = namesFrom(history);
    expect(await sorted(names.namesIn('trondheim', ['ola og KARI har snakket']))).toEqual([
      'Kari Nordmann',
      'Ola Nordmann',
    ]);
    expect(await sorted(names.namesIn('larvik', ['Ola']))).toEqual(['Ola Berg']);
    // A child's name at birth replaces the pregnancy's.
    expect(await names.namesIn('trondheim', ['Baby'])).toEqual([]);
    expect(await names.namesIn('trondheim', ['Nora', 'og noe annet'])).toEqual(['Nora Nordmann']);
    // A surname alone is not a key: it does not name anyone on its own either.
    expect(await names.namesIn('trondheim', ['Nordmann'])).toEqual([]);
    expect(await names.namesIn('trondheim', ['', '  '])).toEqual([]);
    expect(await names.namesIn('oslo', ['Ola'])).toEqual([]);
  });

  it('is asked only once the register has reached the log’s head: a name just registered would pass before', async () => {
    const { names, behindTheLog } = namesFrom(history);
    await expect(behindTheLog.namesIn('trondheim', ['Ola'])).rejects.toBeInstanceOf(
      ProjectionTimeout,
    );
    // Nothing to look for: no wait either.
    expect(await behindTheLog.namesIn('trondheim', ['  '])).toEqual([]);
    expect(await names.namesIn('trondheim', ['Ola'])).toEqual(['Ola Nordmann']);
  });

  it('forgets an erased family at once', async () => {
    const { names } = namesFrom([...history, event('f1', 'FamilyErased', { at: '2026-05-01' })]);
    expect(await names.namesIn('trondheim', ['Ola', 'Kari', 'Nora'])).toEqual([]);
    expect(await names.namesIn('larvik', ['Ola'])).toEqual(['Ola Berg']);
  });

  it('is the same built event by event as in one batch', () => {
    const { store: oneByOne } = namesFrom(history, 1);
    const { store: together } = namesFrom(history);
    expect(oneByOne.dumpProjection(familyMemberNamesProjection)).toEqual(
      together.dumpProjection(familyMemberNamesProjection),
    );
    expect(together.dumpProjection(familyMemberNamesProjection).family_member_names).toHaveLength(
      4,
    );
  });

  it('refuses to answer from half a register while it is rebuilt', async () => {
    const { store, names } = namesFrom(history);
    store.reset(familyMemberNamesProjection);
    await expect(names.namesIn('trondheim', ['Ola'])).rejects.toThrow(/being rebuilt/);
  });
});
