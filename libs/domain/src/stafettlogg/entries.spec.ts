import {
  awaiting,
  by,
  closedLog,
  consentGiven,
  entry,
  kari,
  mor,
  navStaff,
  ola,
  opened,
  openLog,
  per,
  spec,
  withdrawn,
} from '../testing/stafettlogg-fixtures';
import type { StafettloggCommand } from './commands';
import type { StafettloggEvent } from './events';

describe('stafettlogg: entries', () => {
  it('adds an entry inside the consent’s services and categories', () => {
    const [event] = spec.given(openLog).when(entry(), by(per)).events();
    expect(event).toMatchObject({
      type: 'EntryAdded',
      data: {
        serviceId: 'barnehage',
        category: 'kindergarten_situation',
        author: { kind: 'staff', staffId: 'per' },
      },
    });
  });

  it.each([
    [
      'a category outside the consent',
      openLog,
      entry({ category: 'child_welfare' }),
      by(per),
      'OUTSIDE_CONSENT_SCOPE',
    ],
    ['a service outside the consent', openLog, entry(), by(navStaff), 'OUTSIDE_CONSENT_SCOPE'],
    [
      'a consented service that has not joined',
      [...awaiting, consentGiven, ...opened],
      entry(),
      by(per),
      'SERVICE_NOT_PARTICIPATING',
    ],
    [
      'anything after the consent was withdrawn',
      [...openLog, withdrawn],
      entry(),
      by(per),
      'CONSENT_REQUIRED',
    ],
    [
      'anything after the consent expired',
      openLog,
      entry(),
      { by: per, at: '2027-04-01T10:00:00.000Z' },
      'CONSENT_REQUIRED',
    ],
    ['an entry without text', openLog, entry({ text: ' ' }), by(per), 'TEXT_REQUIRED'],
    [
      'staff writing the guardians’ voice',
      openLog,
      entry({ kind: 'guardians_voice' }),
      by(per),
      'INVALID_ENTRY_KIND',
    ],
    ['a guardian writing an observation', openLog, entry(), by(mor), 'INVALID_ENTRY_KIND'],
    [
      'the young person writing the guardians’ voice',
      openLog,
      entry({ kind: 'guardians_voice' }),
      by(ola),
      'INVALID_ENTRY_KIND',
    ],
    [
      'a family entry kept from the family',
      openLog,
      entry({ kind: 'guardians_voice', sharedWithGuardians: false }),
      by(mor),
      'INVALID_ENTRY_KIND',
    ],
    [
      'a family voice in a category no active consent covers (no service would read it)',
      openLog,
      entry({ kind: 'guardians_voice', category: 'economy_and_housing' }),
      by(mor),
      'OUTSIDE_CONSENT_SCOPE',
    ],
    [
      'a correction of an unknown entry',
      openLog,
      entry({ correctsEntryId: 'nope' }),
      by(per),
      'ENTRY_NOT_FOUND',
    ],
    ['an entry in a closed log', [...openLog, closedLog], entry(), by(per), 'LOG_CLOSED'],
    ['an entry before the log opens', awaiting, entry(), by(per), 'CONSENT_REQUIRED'],
  ] as const)('refuses %s', (_, history, command, given, code) => {
    spec
      .given([...history])
      .when(command, given)
      .thenFails(code);
  });

  it('lets the guardians add their own voice, shared with them', () => {
    const [event] = spec
      .given(openLog)
      .when(entry({ kind: 'guardians_voice', category: 'kindergarten_situation' }), by(mor))
      .events();
    expect(event).toMatchObject({
      type: 'EntryAdded',
      data: {
        kind: 'guardians_voice',
        serviceId: null,
        author: { kind: 'guardian', guardianId: 'g1' },
      },
    });
  });

  it('corrects with a new entry that points at the original, by the same service only', () => {
    const original = spec.given(openLog).when(entry(), by(per)).events();
    const [correction] = spec
      .given([...openLog, ...original])
      .when(entry({ entryId: 'e2', correctsEntryId: 'e1' }), by(per))
      .events();
    expect(correction).toMatchObject({ type: 'EntryAdded', data: { correctsEntryId: 'e1' } });
    spec
      .given([...openLog, ...original])
      .when(entry({ entryId: 'e2', correctsEntryId: 'e1', category: 'health' }), by(kari))
      .thenFails('CORRECTION_BY_OTHER_SERVICE');
    spec
      .given([...openLog, ...original])
      .when(entry(), by(per))
      .thenFails('ENTRY_EXISTS');
  });

  it.each([
    ['shares an internal entry’s correction with the family', { sharedWithGuardians: false }, {}],
    ['keeps a shared entry’s correction from the family', {}, { sharedWithGuardians: false }],
    ['moves the correction to another category', {}, { category: 'health' }],
  ] as const)('refuses a correction that %s', (_, originally, corrected) => {
    const original = spec.given(openLog).when(entry(originally), by(per)).events();
    spec
      .given([...openLog, ...original])
      .when(entry({ entryId: 'e2', correctsEntryId: 'e1', ...corrected }), by(per))
      .thenFails('CORRECTION_CHANGES_READERS');
  });

  it('lets a family member correct only what they wrote themselves: anything else is not there to them', () => {
    const voice = (
      entryId: string,
      overrides: Partial<Extract<StafettloggCommand, { type: 'AddEntry' }>> = {},
    ) =>
      entry({ entryId, kind: 'guardians_voice', category: 'kindergarten_situation', ...overrides });
    const own = spec.given(openLog).when(voice('m1'), by(mor)).events();
    const [correction] = spec
      .given([...openLog, ...own])
      .when(voice('m2', { correctsEntryId: 'm1' }), by(mor))
      .events();
    expect(correction).toMatchObject({ data: { correctsEntryId: 'm1', serviceId: null } });
    // The young person's own words, and another guardian's, written as the family too.
    const [childsWords] = own.map((event) => ({
      ...event,
      data: {
        ...event.data,
        entryId: 'y1',
        kind: 'childs_voice',
        author: { kind: 'youth', subjectId: 'c1' },
      },
    }));
    const [otherParent] = own.map((event) => ({
      ...event,
      data: {
        ...event.data,
        entryId: 'f1',
        author: { kind: 'guardian', guardianId: 'g3', parentalResponsibility: true },
      },
    }));
    const staffs = spec
      .given(openLog)
      .when(entry({ entryId: 's1' }), by(per))
      .events();
    for (const original of ['y1', 'f1', 's1'])
      spec
        .given([...openLog, ...staffs, childsWords, otherParent] as StafettloggEvent[])
        .when(voice('m3', { correctsEntryId: original }), by(mor))
        .thenFails('ENTRY_NOT_FOUND');
  });
});
