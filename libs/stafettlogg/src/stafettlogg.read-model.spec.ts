import { projectionSpec, type GivenEvent } from '@bti/read-models/testing';
import {
  stafettloggProjection,
  StafettloggReadModel,
  UnknownEntryCursor,
} from './stafettlogg.read-model';

const AT = '2026-03-20T10:00:00.000Z';
const hs = { staffId: 'kari', serviceId: 'helsestasjon' };
const bh = { staffId: 'per', serviceId: 'barnehage' };
const rules = {
  version: 1,
  levels: [{ level: 2, name: 'Nivå 2' }],
  measureEvaluationIntervalDays: 42,
  consentAge: 16,
  inactivityThresholdDays: 60,
};
const log = (type: string, data: object): GivenEvent => ({ stream: 'stafettlogg-l1', type, data });
const family = (type: string, data: object): GivenEvent => ({ stream: 'family-f1', type, data });

const events: GivenEvent[] = [
  family('FamilyRegistered', { familyId: 'f1', municipalityId: 'm' }),
  family('GuardianAdded', {
    guardianId: 'g1',
    identitySubject: 'idp|mor',
    parentalResponsibility: true,
    personal: { name: 'Mor', contact: null },
  }),
  family('SubjectAdded', {
    subjectId: 'c1',
    kind: 'pregnancy',
    identitySubject: null,
    personal: { name: 'Baby', birthDate: null, expectedBirthDate: '2026-05-01' },
  }),
  log('StafettloggInitiated', {
    logId: 'l1',
    concernId: 'k1',
    familyId: 'f1',
    subjectId: 'c1',
    municipalityId: 'm',
    initiatedBy: hs,
  }),
  log('ConsentRequested', {
    consentId: 's1',
    scope: { services: ['helsestasjon', 'barnehage'], categories: ['health'] },
    requestedBy: hs,
    requestedAt: AT,
    personal: { purpose: 'p' },
  }),
  log('ConsentGiven', {
    consentId: 's1',
    givenBy: { kind: 'guardian', guardianId: 'g1' },
    form: { kind: 'digital' },
    validFrom: '2026-03-20',
    validUntil: '2027-03-19',
    recordedBy: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true },
    at: AT,
  }),
  log('StafettloggOpened', { level: 2, stafettholder: hs, rules, openedBy: hs, openedAt: AT }),
  log('ServiceJoined', { serviceId: 'helsestasjon', hidden: false, addedBy: hs, at: AT }),
  log('ServiceJoined', { serviceId: 'barnehage', hidden: false, addedBy: hs, at: AT }),
  log('EntryAdded', {
    entryId: 'e1',
    kind: 'observation',
    author: { kind: 'staff', ...hs, coordinator: false },
    serviceId: 'helsestasjon',
    category: 'health',
    sharedWithGuardians: false,
    correctsEntryId: null,
    at: '2026-03-21T10:00:00.000Z',
    personal: { text: 'Internt notat' },
  }),
  log('MeasurePlanned', {
    measureId: 'm1',
    responsible: bh,
    startDate: '2026-03-23',
    evaluationDate: '2026-05-04',
    initiativeId: null,
    catalogueEntryId: null,
    plannedBy: hs,
    at: AT,
    personal: { goal: 'Bedre søvn' },
  }),
  log('MeasureStarted', { measureId: 'm1', startedOn: '2026-03-23', by: bh }),
  log('MeasureEvaluated', {
    measureId: 'm1',
    goalAttainment: 'partly',
    decision: 'continue',
    nextEvaluationDate: '2026-06-15',
    evaluatedOn: '2026-05-04',
    onTime: true,
    by: bh,
    personal: { familyView: 'Litt bedre' },
  }),
  log('StafettholderHandoverOffered', { to: bh, offeredBy: hs, at: AT }),
  log('StafettholderHandoverAccepted', { stafettholder: bh, previous: hs, at: AT }),
  family('ChildBorn', {
    subjectId: 'c1',
    personal: { name: 'Nora', birthDate: '2026-04-28', expectedBirthDate: '2026-05-01' },
  }),
  log('StafettloggClosed', {
    reason: 'needs_met',
    familyEvaluation: null,
    closedBy: bh,
    at: '2026-06-01T10:00:00.000Z',
    personal: { evaluationMissingReason: 'flyttet', familyComment: null },
  }),
];

describe('the stafettlogg read model', () => {
  const spec = projectionSpec(stafettloggProjection);

  it('builds the log a reader is shown, row by row', () => {
    const view = new StafettloggReadModel(spec.given(events).db).log('l1');
    expect(view).toMatchObject({
      logId: 'l1',
      familyId: 'f1',
      status: 'closed',
      level: 2,
      stafettholder: bh,
      pendingHandover: null,
      closure: { reason: 'needs_met', at: '2026-06-01T10:00:00.000Z', familyEvaluation: null },
      services: [
        { serviceId: 'helsestasjon', hidden: false },
        { serviceId: 'barnehage', hidden: false },
      ],
      consents: [{ consentId: 's1', status: 'given', form: 'digital', validUntil: '2027-03-19' }],
      entries: [
        { entryId: 'e1', authorKind: 'staff', authorId: 'kari', sharedWithGuardians: false },
      ],
      measures: [
        {
          measureId: 'm1',
          status: 'started',
          evaluationDate: '2026-06-15',
          evaluations: [{ goalAttainment: 'partly', familyView: 'Litt bedre', onTime: true }],
        },
      ],
      lastActivityAt: '2026-06-01T10:00:00.000Z',
      revision: '12',
    });
    expect(view?.history.map((h) => h.type)).toEqual(
      events.filter((e) => e.stream === 'stafettlogg-l1').map((e) => e.type),
    );
    expect(view?.history.find((h) => h.type === 'EntryAdded')).toMatchObject({
      entryId: 'e1',
      serviceId: 'helsestasjon',
    });
  });

  /** `count` entries by helsestasjon a second apart, `n0` first, shared with the family where `shared`. */
  const helsestasjonEntries = (count: number, shared: (i: number) => boolean) =>
    Array.from({ length: count }, (_, i) =>
      log('EntryAdded', {
        entryId: `n${i}`,
        kind: 'observation',
        author: { kind: 'staff', ...hs, coordinator: false },
        serviceId: 'helsestasjon',
        category: 'health',
        sharedWithGuardians: shared(i),
        correctsEntryId: null,
        at: `2026-06-02T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`,
        personal: { text: `Notat ${i}` },
      }),
    );

  it('gives a page of entries with their history items and the log’s other history, however long the log', () => {
    const more = helsestasjonEntries(350, () => true);
    const model = new StafettloggReadModel(spec.given([...events, ...more]).db);
    const besideEntries = events
      .filter((e) => e.stream === 'stafettlogg-l1' && e.type !== 'EntryAdded')
      .map((e) => e.type);
    const latest = model.log('l1');
    const entryIds = (latest?.entries ?? []).map((e) => e.entryId);
    expect(entryIds).toEqual(Array.from({ length: 100 }, (_, i) => `n${250 + i}`));
    // Every item about no entry, from the log's start, though 350 entries came after them.
    expect(latest?.history.filter((h) => h.entryId === null).map((h) => h.type)).toEqual(
      besideEntries,
    );
    expect(latest?.history.flatMap((h) => (h.entryId ? [h.entryId] : []))).toEqual(entryIds);
    expect(latest?.olderEntries).toBe('n250');
    const older = model.log('l1', { entriesBefore: latest?.olderEntries ?? undefined });
    expect(older?.history.flatMap((h) => (h.entryId ? [h.entryId] : []))).toEqual(
      (older?.entries ?? []).map((e) => e.entryId),
    );
    expect(older?.entries[0].entryId).toBe('n150');
    // Each item is the one the log's whole history holds, in the same order.
    const whole = model.logWithFamily('l1', 'whole').view?.history ?? [];
    for (const view of [latest, older])
      expect(view?.history).toEqual(
        whole.filter(
          (h) => h.entryId === null || (view?.entries ?? []).some((e) => e.entryId === h.entryId),
        ),
      );
  });

  it('makes a page of the entries the reader sees alone, its cursor one of them', () => {
    const more = helsestasjonEntries(300, (i) => i % 3 === 0);
    const model = new StafettloggReadModel(spec.given([...events, ...more]).db);
    const shared = (e: { sharedWithGuardians: boolean }) => e.sharedWithGuardians;
    const shownTo = () => shared;
    const sharedIds = (from: number, to: number) =>
      Array.from({ length: 300 }, (_, i) => i)
        .filter((i) => i % 3 === 0 && i >= from && i < to)
        .map((i) => `n${i}`);
    const first = model.log('l1', { entriesLimit: 40, shownTo });
    expect(first?.entries.map((e) => e.entryId)).toEqual(sharedIds(180, 300));
    expect(first?.olderEntries).toBe('n180');
    const second = model.log('l1', { entriesLimit: 40, entriesBefore: 'n180', shownTo });
    expect(second?.entries.map((e) => e.entryId)).toEqual(sharedIds(60, 180));
    const last = model.log('l1', { entriesLimit: 40, entriesBefore: 'n60', shownTo });
    expect(last?.entries.map((e) => e.entryId)).toEqual(sharedIds(0, 60));
    expect(last?.olderEntries).toBeNull();
    // A cursor the reader does not see is no place in the log to them.
    expect(() => model.log('l1', { entriesBefore: 'n181', shownTo })).toThrow(UnknownEntryCursor);
    expect(() => model.log('l1', { entriesBefore: 'nowhere' })).toThrow(UnknownEntryCursor);
  });

  it('gives every history item the time it happened, the same however the log is rebuilt', () => {
    // Each command recorded after the fact, so a time taken from the metadata would show.
    const initiatedAt = '2026-03-19T08:15:00.000Z';
    const typedInAt = '2026-07-01T12:00:00.000Z';
    const handover = events.findIndex((e) => e.type === 'StafettholderHandoverOffered');
    const measureEnded = log('MeasureEnded', {
      measureId: 'm1',
      endedOn: '2026-05-20',
      by: bh,
      personal: { reason: 'Målet er nådd' },
    });
    const given = [...events.slice(0, handover), measureEnded, ...events.slice(handover)].map(
      (e): GivenEvent =>
        e.stream !== 'stafettlogg-l1'
          ? e
          : { ...e, occurredAt: e.type === 'StafettloggInitiated' ? initiatedAt : typedInAt },
    );
    const expected = [
      ['StafettloggInitiated', initiatedAt],
      ['ConsentRequested', AT],
      ['ConsentGiven', AT],
      ['StafettloggOpened', AT],
      ['ServiceJoined', AT],
      ['ServiceJoined', AT],
      ['EntryAdded', '2026-03-21T10:00:00.000Z'],
      ['MeasurePlanned', AT],
      // A measure's steps are recorded by the day (the domain keeps only the date).
      ['MeasureStarted', '2026-03-23'],
      ['MeasureEvaluated', '2026-05-04'],
      ['MeasureEnded', '2026-05-20'],
      ['StafettholderHandoverOffered', AT],
      ['StafettholderHandoverAccepted', AT],
      ['StafettloggClosed', '2026-06-01T10:00:00.000Z'],
    ];
    for (const batchSize of [given.length, 1]) {
      const model = new StafettloggReadModel(spec.given(given, batchSize).db);
      for (const view of [model.log('l1'), model.logWithFamily('l1', 'whole').view]) {
        expect(view?.history.map((h) => [h.type, h.at])).toEqual(expected);
        expect(view?.history.every((h) => h.at !== '')).toBe(true);
        expect(view?.lastActivityAt).toBe('2026-06-01T10:00:00.000Z');
      }
    }
  });

  it('keeps its own copy of the family facts the policy needs, births included', () => {
    const facts = new StafettloggReadModel(spec.given(events).db).familyFacts('f1', 'c1');
    expect(facts).toEqual({
      guardians: [{ guardianId: 'g1', identitySubject: 'idp|mor', parentalResponsibility: true }],
      subject: { identitySubject: null, birthDate: '2026-04-28' },
    });
  });

  it('gives the same tables whether built in one batch or one event at a time', () => {
    const whole = spec.given(events);
    const oneByOne = spec.given(events, 1);
    expect(oneByOne.dumpProjection(stafettloggProjection)).toEqual(
      whole.dumpProjection(stafettloggProjection),
    );
  });

  it('pages through a family’s logs', () => {
    const second = events
      .filter((e) => e.stream === 'stafettlogg-l1')
      .slice(0, 2)
      .map((e) => ({
        ...e,
        stream: 'stafettlogg-l2',
        data: e.type === 'StafettloggInitiated' ? { ...e.data, logId: 'l2' } : e.data,
      }));
    const model = new StafettloggReadModel(spec.given([...events, ...second]).db);
    const first = model.logsOfFamily('f1', { limit: 1 });
    expect(first.views.map((v) => v.logId)).toEqual(['l1']);
    expect(first.nextCursor).toBe('l1');
    const next = model.logsOfFamily('f1', { limit: 1, after: 'l1' });
    expect(next.views.map((v) => [v.logId, v.status])).toEqual([['l2', 'awaiting_consent']]);
    expect(next.nextCursor).toBeNull();
    expect(model.logsOfFamily('f9', {}).views).toEqual([]);
  });
});
