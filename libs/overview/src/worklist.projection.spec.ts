import { projectionSpec, type GivenEvent } from '@bti/read-models/testing';
import { worklistProjection } from './worklist.projection';

const kari = { staffId: 'kari', serviceId: 'helsestasjon' };
const per = { staffId: 'per', serviceId: 'barnehage' };
const log = (type: string, data: object): GivenEvent => ({ stream: 'stafettlogg-l1', type, data });
const rules = {
  version: 1,
  levels: [],
  concernDecisionDeadlineDays: 14,
  measureEvaluationIntervalDays: 42,
  consentAge: 16,
  inactivityThresholdDays: 60,
};

const events: GivenEvent[] = [
  log('StafettloggInitiated', {
    logId: 'l1',
    concernId: 'k1',
    familyId: 'f1',
    subjectId: 'c1',
    municipalityId: 'm',
    initiatedBy: kari,
  }),
  log('ConsentRequested', {
    consentId: 's1',
    scope: { services: ['helsestasjon'], categories: ['health'] },
    requestedBy: kari,
    requestedAt: '2026-03-01T10:00:00.000Z',
    personal: { purpose: 'p' },
  }),
  log('ConsentGiven', {
    consentId: 's1',
    givenBy: { kind: 'guardian', guardianId: 'g1' },
    form: { kind: 'digital' },
    validFrom: '2026-03-01',
    validUntil: '2027-02-28',
    recordedBy: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true },
    at: '2026-03-01T11:00:00.000Z',
  }),
  log('StafettloggOpened', {
    level: 2,
    stafettholder: kari,
    rules,
    openedBy: kari,
    openedAt: '2026-03-02T09:00:00.000Z',
  }),
  log('MeasurePlanned', {
    measureId: 'x1',
    responsible: per,
    startDate: '2026-03-03',
    evaluationDate: '2026-04-14',
    initiativeId: null,
    catalogueEntryId: null,
    plannedBy: kari,
    at: '2026-03-02T10:00:00.000Z',
    personal: { goal: 'g' },
  }),
  log('MeasureEvaluated', {
    measureId: 'x1',
    goalAttainment: 'partly',
    decision: 'continue',
    nextEvaluationDate: '2026-05-26',
    evaluatedOn: '2026-04-14',
    onTime: true,
    by: per,
    personal: { familyView: 'f' },
  }),
  log('StafettholderHandoverOffered', { to: per, offeredBy: kari, at: '2026-04-15T08:00:00.000Z' }),
  {
    stream: 'concern-k2',
    type: 'ConcernNoted',
    data: {
      concernId: 'k2',
      municipalityId: 'm',
      familyId: 'f1',
      subjectId: 'c1',
      serviceId: 'barnehage',
      kind: 'undring',
      notedBy: 'per',
      notedAt: '2026-04-01T08:00:00.000Z',
      decisionDeadline: '2026-04-15',
      personal: { summary: 's' },
    },
  },
];

describe('the worklist projection', () => {
  const spec = projectionSpec(worklistProjection);

  it('keeps each log by who holds it, and who it is offered to (when it last moved is the log view’s, as each reader sees it)', () => {
    const store = spec.given(events);
    expect(store.db.prepare('SELECT * FROM worklist_logs').all()).toEqual([
      {
        log_id: 'l1',
        municipality_id: 'm',
        family_id: 'f1',
        subject_id: 'c1',
        status: 'open',
        level: 2,
        holder_staff: 'kari',
        holder_service: 'helsestasjon',
        pending_staff: 'per',
        pending_service: 'barnehage',
        offered_at: '2026-04-15T08:00:00.000Z',
        inactivity_days: 60,
      },
    ]);
  });

  it('keeps measures by their next evaluation, consents by expiry and concerns by deadline', () => {
    const store = spec.given(events);
    expect(
      store.db
        .prepare('SELECT responsible_staff, status, evaluation_date FROM worklist_measures')
        .all(),
    ).toEqual([{ responsible_staff: 'per', status: 'planned', evaluation_date: '2026-05-26' }]);
    expect(store.db.prepare('SELECT status, valid_until FROM worklist_consents').all()).toEqual([
      { status: 'given', valid_until: '2027-02-28' },
    ]);
    expect(
      store.db
        .prepare('SELECT service_id, decision_deadline, decided FROM worklist_concerns')
        .all(),
    ).toEqual([{ service_id: 'barnehage', decision_deadline: '2026-04-15', decided: 0 }]);
  });

  it('builds the same rows one event at a time as all at once', () => {
    expect(spec.given(events, 1).dumpProjection(worklistProjection)).toEqual(
      spec.given(events).dumpProjection(worklistProjection),
    );
  });
});
