import { projectionSpec, type GivenEvent } from '@bti/read-models/testing';
import { timelineProjection } from './timeline.projection';

const hs = { staffId: 'kari', serviceId: 'helsestasjon' };
const bh = { staffId: 'per', serviceId: 'barnehage' };
const family = (type: string, data: object): GivenEvent => ({ stream: 'family-f1', type, data });
const concern = (type: string, data: object): GivenEvent => ({ stream: 'concern-k1', type, data });
const log = (type: string, data: object): GivenEvent => ({ stream: 'stafettlogg-l1', type, data });
const meeting = (type: string, data: object): GivenEvent => ({ stream: 'meeting-m1', type, data });

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
    kind: 'youth',
    identitySubject: null,
    personal: { name: 'Ola', birthDate: '2010-01-01', expectedBirthDate: null },
  }),
  family('SubjectIdentityLinked', { subjectId: 'c1', identitySubject: 'idp|ola' }),
  concern('ConcernNoted', {
    concernId: 'k1',
    municipalityId: 'm',
    familyId: 'f1',
    subjectId: 'c1',
    serviceId: 'helsestasjon',
    kind: 'undring',
    notedBy: 'kari',
    notedAt: '2026-03-01T09:00:00.000Z',
    decisionDeadline: '2026-03-15',
    personal: { summary: 'Stille' },
  }),
  log('StafettloggInitiated', {
    logId: 'l1',
    concernId: 'k1',
    familyId: 'f1',
    subjectId: 'c1',
    municipalityId: 'm',
    initiatedBy: hs,
  }),
  log('MeasurePlanned', {
    measureId: 'x1',
    responsible: bh,
    startDate: '2026-03-21',
    evaluationDate: '2026-05-01',
    initiativeId: null,
    catalogueEntryId: null,
    plannedBy: hs,
    at: '2026-03-20T11:00:00.000Z',
    personal: { goal: 'Faste rutiner' },
  }),
  log('MeasureStarted', { measureId: 'x1', startedOn: '2026-03-21', by: bh }),
  log('RulesMovedOn', { rules: {}, by: hs, at: '2026-03-22T00:00:00.000Z' }),
  log('EntryAdded', {
    entryId: 'e1',
    kind: 'observation',
    author: { kind: 'staff', ...hs, coordinator: false },
    serviceId: 'helsestasjon',
    category: 'health',
    sharedWithGuardians: false,
    correctsEntryId: null,
    at: '2026-03-20T10:30:00.000Z',
    personal: { text: 'Intern' },
  }),
  meeting('MeetingScheduled', {
    meetingId: 'm1',
    municipalityId: 'm',
    familyId: 'f1',
    logIds: ['l1'],
    startsAt: '2026-04-01T12:00:00.000Z',
    durationMinutes: 60,
    locationKind: 'video',
    chair: hs,
    invitedServices: ['barnehage'],
    hiddenServices: [],
    invitedGuardians: ['g1'],
    invitedYouth: [],
    scheduledBy: hs,
    at: '2026-03-25T08:00:00.000Z',
    personal: { agenda: [], location: { place: null, link: 'x' } },
  }),
  meeting('AgendaItemAdded', {
    itemId: 'a1',
    addedBy: { kind: 'guardian', guardianId: 'g1' },
    at: '2026-03-26T08:00:00.000Z',
    personal: { text: 'Søvn' },
  }),
];

describe('the timeline projection', () => {
  const spec = projectionSpec(timelineProjection);

  it('keeps one row per item in business time, each with the facts the policy decides on', () => {
    const store = spec.given(events);
    const rows = store.db
      .prepare(
        'SELECT at, kind, type, subject_id, log_id, meeting_id, concern_id, service_id, category, shared FROM timeline_items ORDER BY at, position',
      )
      .all();
    expect(rows).toEqual([
      {
        at: '2026-03-01T09:00:00.000Z',
        kind: 'concern',
        type: 'ConcernNoted',
        subject_id: 'c1',
        log_id: null,
        meeting_id: null,
        concern_id: 'k1',
        service_id: 'helsestasjon',
        category: null,
        shared: 1,
      },
      expect.objectContaining({
        at: '2026-03-20T10:00:00.000Z',
        kind: 'log',
        type: 'StafettloggInitiated',
        log_id: 'l1',
        service_id: 'helsestasjon',
      }),
      expect.objectContaining({
        at: '2026-03-20T10:30:00.000Z',
        kind: 'entry',
        category: 'health',
        shared: 0,
        service_id: 'helsestasjon',
      }),
      expect.objectContaining({ kind: 'measure', type: 'MeasurePlanned', service_id: 'barnehage' }),
      // A measure's later steps carry the responsible service the plan named.
      expect.objectContaining({
        at: '2026-03-21',
        kind: 'measure',
        type: 'MeasureStarted',
        service_id: 'barnehage',
      }),
      expect.objectContaining({
        kind: 'meeting',
        type: 'MeetingScheduled',
        meeting_id: 'm1',
        subject_id: 'c1',
      }),
    ]);
  });

  it('knows who signs in as whom in which family', () => {
    const store = spec.given(events);
    expect(
      store.db
        .prepare('SELECT identity_subject, person_id, role FROM timeline_members ORDER BY 1')
        .all(),
    ).toEqual([
      { identity_subject: 'idp|mor', person_id: 'g1', role: 'guardian' },
      { identity_subject: 'idp|ola', person_id: 'c1', role: 'youth' },
    ]);
  });

  it('builds the same rows whether the events come one at a time or all at once', () => {
    const one = spec.given(events, 1).dumpProjection(timelineProjection);
    const all = spec.given(events).dumpProjection(timelineProjection);
    expect(one).toEqual(all);
  });
});
