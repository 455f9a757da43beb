import type { Actor } from '@bti/domain';
import type { LogFamilyFacts } from '@bti/access';
import type { MeasureView, StafettloggView } from './stafettlogg.view';
import { summarise, viewFor } from './stafettlogg-reader';

const NOW = new Date('2026-06-01T10:00:00.000Z');
const staff = (serviceId: string): Actor => ({
  subject: `s-${serviceId}`,
  role: 'staff',
  municipalityId: 'm',
  serviceId,
});
const entry = (
  entryId: string,
  serviceId: string | null,
  category: string,
  sharedWithGuardians = true,
) => ({
  entryId,
  kind: 'observation' as const,
  authorKind: 'staff' as const,
  authorId: 'a',
  serviceId,
  category: category as never,
  sharedWithGuardians,
  correctsEntryId: null,
  at: '2026-05-01T10:00:00.000Z',
  text: entryId,
});
const consent = (
  consentId: string,
  services: string[],
  categories: string[],
  status: 'given' | 'withdrawn' = 'given',
) => ({
  consentId,
  status,
  scope: { services, categories: categories as never[], purpose: 'p' },
  requestedAt: '2026-04-01T00:00:00.000Z',
  requestedBy: { staffId: 'k', serviceId: 'hs' },
  givenBy: { kind: 'guardian' as const, guardianId: 'g1' },
  form: 'digital' as const,
  validFrom: '2026-04-01',
  validUntil: '2027-03-31',
  answeredAt: null,
  withdrawnAt: null,
});

const view: StafettloggView = {
  logId: 'l1',
  concernId: 'k1',
  familyId: 'f1',
  subjectId: 'c1',
  municipalityId: 'm',
  status: 'open',
  level: 2,
  stafettholder: { staffId: 'k', serviceId: 'hs' },
  pendingHandover: null,
  samordningsansvar: null,
  rules: {
    version: 1,
    levels: [],
    measureEvaluationIntervalDays: 42,
    consentAge: 16,
    inactivityThresholdDays: 60,
  },
  consentAge: 16,
  openedAt: '2026-04-02T00:00:00.000Z',
  closure: null,
  scheduledMeetings: [],
  olderEntries: null,
  services: [
    { serviceId: 'hs', hidden: false, joinedAt: '' },
    { serviceId: 'bh', hidden: false, joinedAt: '' },
    { serviceId: 'bv', hidden: true, joinedAt: '' },
  ],
  consents: [
    consent('c-main', ['hs', 'bh'], ['health', 'kindergarten_situation']),
    consent('c-bv', ['hs', 'bv'], ['child_welfare']),
  ],
  entries: [
    entry('e-health', 'hs', 'health', false),
    entry('e-bh', 'bh', 'kindergarten_situation'),
    entry('e-bv', 'bv', 'child_welfare', false),
  ],
  measures: [],
  history: [
    {
      type: 'ServiceJoined',
      at: '',
      serviceId: 'bh',
      consentId: null,
      entryId: null,
      measureId: null,
    },
    {
      type: 'ServiceJoined',
      at: '',
      serviceId: 'bv',
      consentId: null,
      entryId: null,
      measureId: null,
    },
    {
      type: 'ConsentGiven',
      at: '',
      serviceId: null,
      consentId: 'c-bv',
      entryId: null,
      measureId: null,
    },
  ],
  lastActivityAt: '',
  readGrants: [],
  keptFromGuardians: [],
  revision: '7',
};

/** The log's family: the mother (with parental responsibility) and the child, signed in as idp|barn. */
const family = (birthDate: string): LogFamilyFacts => ({
  guardians: [{ guardianId: 'mor', identitySubject: 'idp|mor', parentalResponsibility: true }],
  subject: { identitySubject: 'idp|barn', birthDate },
});

describe('what a reader sees of a stafettlogg', () => {
  it('shows a service only entries where one active consent names its service and the category', () => {
    expect(viewFor(staff('bh'), view, null, NOW)?.entries.map((e) => e.entryId)).toEqual([
      'e-health',
      'e-bh',
    ]);
    expect(viewFor(staff('hs'), view, null, NOW)?.entries.map((e) => e.entryId)).toEqual([
      'e-health',
      'e-bh',
      'e-bv',
    ]);
  });

  it('keeps a hidden participant hidden from the other services', () => {
    const seen = viewFor(staff('bh'), view, null, NOW);
    expect(seen?.services.map((s) => s.serviceId)).toEqual(['hs', 'bh']);
    expect(seen?.consents.flatMap((c) => c.scope.services)).not.toContain('bv');
    expect(seen?.consents.map((c) => c.consentId)).toEqual(['c-main']);
    expect(seen?.history.map((h) => h.serviceId)).toEqual(['bh']);
    expect(viewFor(staff('bv'), view, null, NOW)?.services.map((s) => s.serviceId)).toContain('bv');
  });

  it('keeps a measure a hidden participant holds, and its history, from the other services', () => {
    const measure = (measureId: string, serviceId: string): MeasureView => ({
      measureId,
      goal: 'Trygg hverdag',
      responsible: { staffId: `${serviceId}-1`, serviceId },
      startDate: '2026-04-02',
      evaluationDate: '2026-05-14',
      status: 'planned',
      startedOn: null,
      endedOn: null,
      initiativeId: null,
      catalogueEntryId: null,
      evaluations: [],
    });
    const planned = (measureId: string) => ({
      type: 'MeasurePlanned',
      at: '2026-04-03T10:00:00.000Z',
      // Planned by the health visitor, whom every service here sees.
      serviceId: 'hs',
      consentId: null,
      entryId: null,
      measureId,
    });
    const withMeasures: StafettloggView = {
      ...view,
      measures: [measure('m-bh', 'bh'), measure('m-bv', 'bv')],
      history: [...view.history, planned('m-bh'), planned('m-bv')],
    };
    const byBarnehage = viewFor(staff('bh'), withMeasures, null, NOW);
    expect(byBarnehage?.measures.map((m) => m.measureId)).toEqual(['m-bh']);
    expect(byBarnehage?.history.flatMap((h) => h.measureId ?? [])).toEqual(['m-bh']);
    const byHealthVisitor = viewFor(staff('hs'), withMeasures, null, NOW);
    expect(byHealthVisitor?.history.flatMap((h) => h.measureId ?? [])).toEqual(['m-bh', 'm-bv']);
  });

  it('shows nothing to a service outside the log, another municipality, or after the consent lapsed', () => {
    expect(viewFor(staff('nav'), view, null, NOW)).toBeNull();
    expect(viewFor({ ...staff('bh'), municipalityId: 'other' }, view, null, NOW)).toBeNull();
    const withdrawn = {
      ...view,
      consents: [consent('c-main', ['hs', 'bh'], ['health'], 'withdrawn')],
    };
    expect(viewFor(staff('bh'), withdrawn, null, NOW)).toBeNull();
    expect(viewFor(staff('bh'), view, null, new Date('2027-04-01T00:00:00.000Z'))).toBeNull();
  });

  it('shows guardians what is shared with them, and keeps health matters from them from the consent age', () => {
    const mother: Actor = {
      subject: 'idp|mor',
      role: 'guardian',
      municipalityId: null,
      serviceId: null,
    };
    expect(viewFor(mother, view, family('2019-01-01'), NOW)?.entries.map((e) => e.entryId)).toEqual(
      ['e-bh'],
    );
    const sharedHealth = {
      ...view,
      entries: [...view.entries, entry('e-health-shared', 'hs', 'health', true)],
    };
    expect(
      viewFor(mother, sharedHealth, family('2019-01-01'), NOW)?.entries.map((e) => e.entryId),
    ).toEqual(['e-bh', 'e-health-shared']);
    expect(
      viewFor(mother, sharedHealth, family('2010-01-01'), NOW)?.entries.map((e) => e.entryId),
    ).toEqual(['e-bh']);
    expect(
      viewFor({ ...mother, subject: 'idp|stranger' }, view, family('2019-01-01'), NOW),
    ).toBeNull();
  });

  it('keeps a guardian’s own words in her view when the young person keeps their category', () => {
    const mother: Actor = {
      subject: 'idp|mor',
      role: 'guardian',
      municipalityId: null,
      serviceId: null,
    };
    const byFamily = (entryId: string, authorKind: 'guardian' | 'youth', authorId: string) => ({
      ...entry(entryId, null, 'health'),
      kind: authorKind === 'guardian' ? ('guardians_voice' as const) : ('childs_voice' as const),
      authorKind,
      authorId,
    });
    const withVoices = {
      ...view,
      entries: [
        ...view.entries,
        byFamily('e-mine', 'guardian', 'mor'),
        byFamily('e-fathers', 'guardian', 'far'),
        byFamily('e-youths', 'youth', 'c1'),
      ],
    };
    const sixteen = family('2010-01-01');
    expect(viewFor(mother, withVoices, sixteen, NOW)?.entries.map((e) => e.entryId)).toEqual([
      'e-bh',
      'e-mine',
    ]);
    const youth: Actor = {
      subject: 'idp|barn',
      role: 'youth',
      municipalityId: null,
      serviceId: null,
    };
    expect(viewFor(youth, withVoices, sixteen, NOW)?.entries.map((e) => e.entryId)).toEqual([
      'e-bh',
      'e-mine',
      'e-fathers',
      'e-youths',
    ]);
  });

  it('shows the young person their own log', () => {
    const youth: Actor = {
      subject: 'idp|barn',
      role: 'youth',
      municipalityId: null,
      serviceId: null,
    };
    expect(viewFor(youth, view, family('2009-01-01'), NOW)?.entries.map((e) => e.entryId)).toEqual([
      'e-bh',
    ]);
    expect(viewFor({ ...youth, subject: 'idp|other' }, view, family('2009-01-01'), NOW)).toBeNull();
  });

  it('counts measures past their evaluation date as overdue evaluations', () => {
    const measure = (
      measureId: string,
      evaluationDate: string | null,
      status: 'planned' | 'started' | 'ended',
    ) => ({
      measureId,
      goal: 'g',
      responsible: { staffId: 'k', serviceId: 'hs' },
      startDate: '2026-04-01',
      evaluationDate,
      status,
      startedOn: null,
      endedOn: null,
      initiativeId: null,
      catalogueEntryId: null,
      evaluations: [],
    });
    const withMeasures = {
      ...view,
      measures: [
        measure('due-yesterday', '2026-05-31', 'started'),
        measure('due-today', '2026-06-01', 'started'),
        measure('ended', null, 'ended'),
        measure('planned-late', '2026-05-01', 'planned'),
      ],
    };
    const summary = summarise(withMeasures, NOW);
    expect(summary.overdueEvaluations).toBe(2);
    expect(summary.openMeasures.map((m) => m.measureId)).toEqual([
      'planned-late',
      'due-yesterday',
      'due-today',
    ]);
  });

  it('shows a planned meeting to the family and the services it invites, never a past one', () => {
    const meeting = (meetingId: string, startsAt: string, invitedServices: string[]) => ({
      meetingId,
      startsAt,
      chairServiceId: 'hs',
      invitedServices,
    });
    const planned = {
      ...view,
      scheduledMeetings: [
        meeting('past', '2026-05-01T10:00:00.000Z', ['bh']),
        meeting('hs-only', '2026-06-03T10:00:00.000Z', []),
        meeting('with-bh', '2026-06-10T10:00:00.000Z', ['bh']),
      ],
    };
    const seen = (actor: Actor) =>
      viewFor(actor, planned, family('2019-01-01'), NOW)?.scheduledMeetings.map((m) => m.meetingId);
    expect(seen(staff('hs'))).toEqual(['hs-only', 'with-bh']);
    expect(seen(staff('bh'))).toEqual(['with-bh']);
    const mother: Actor = {
      subject: 'idp|mor',
      role: 'guardian',
      municipalityId: null,
      serviceId: null,
    };
    expect(seen(mother)).toEqual(['hs-only', 'with-bh']);
    const forBarnehage = viewFor(staff('bh'), planned, family('2019-01-01'), NOW);
    expect(forBarnehage && summarise(forBarnehage, NOW).nextMeeting).toEqual({
      meetingId: 'with-bh',
      startsAt: '2026-06-10T10:00:00.000Z',
    });
  });
});
