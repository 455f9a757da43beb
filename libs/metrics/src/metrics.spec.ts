import { projectionSpec, type GivenEvent } from '@bti/read-models/testing';
import { METRICS } from './metric-catalogue';
import { metricFactsProjection } from './metrics.projection';
import {
  METRICS_MAX_AGE_MS,
  metricTableCsv,
  MetricsReader,
  type MetricQuery,
} from './metrics-reader';
import { MunicipalityUseReader } from './municipality-use-reader';

/*
 * A small fixed history, written out, and every metric's value computed by hand from it.
 * Municipality m (county K): helsestasjon hs, barnehage bh, NAV nav. Family f1: c1 born 2022-03-01,
 * c2 born 2012-06-01. Log l1 (c1): concern 5 Jan, consent 15 Jan (to 20 Feb), opened 20 Jan at level
 * 2, barnehage joins, a measure started 25 Jan, evaluated late and partly on 5 Mar, a handover accepted
 * after 2 days, one meeting on 10 Feb, closed 10 Apr. Log l2 (c2): concern 1 Feb (decided late),
 * consent 1 Mar, opened 2 Mar at level 3, level 2 from 10 Mar, a handover declined, a measure never
 * evaluated, consent withdrawn 5 May, then quiet. Now is 15 Aug 2026.
 */
const hs = { staffId: 'kari', serviceId: 'hs' };
const bh = { staffId: 'per', serviceId: 'bh' };
const nav = { staffId: 'nina', serviceId: 'nav' };
const rules = {
  version: 1,
  levels: [],
  concernDecisionDeadlineDays: 14,
  measureEvaluationIntervalDays: 42,
  consentAge: 16,
  inactivityThresholdDays: 60,
};
const e = (stream: string, type: string, data: object, occurredAt?: string): GivenEvent => ({
  stream,
  type,
  data,
  occurredAt,
});
const M = 'municipality-m';
const F = 'family-f1';
const L1 = 'stafettlogg-l1';
const L2 = 'stafettlogg-l2';
const MT = 'meeting-mt1';
const guardian = { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true };

const initiatedL1 = e(
  L1,
  'StafettloggInitiated',
  {
    logId: 'l1',
    concernId: 'k1',
    familyId: 'f1',
    subjectId: 'c1',
    municipalityId: 'm',
    initiatedBy: hs,
  },
  '2026-01-10T10:00:00.000Z',
);

const history: GivenEvent[] = [
  e(M, 'MunicipalityEnrolled', {
    municipalityId: 'm',
    name: 'M',
    county: 'K',
    handlingsveileder: rules,
  }),
  e(M, 'ServiceRegistered', {
    serviceId: 'hs',
    name: 'HS',
    sector: 'helsestasjon',
    alsoServes: [],
  }),
  e(M, 'ServiceRegistered', { serviceId: 'bh', name: 'BH', sector: 'barnehage', alsoServes: [] }),
  e(M, 'ServiceRegistered', { serviceId: 'nav', name: 'NAV', sector: 'nav', alsoServes: [] }),
  e(F, 'FamilyRegistered', { familyId: 'f1', municipalityId: 'm' }),
  e(F, 'SubjectAdded', {
    subjectId: 'c1',
    kind: 'child',
    identitySubject: null,
    personal: { name: 'x', birthDate: '2022-03-01', expectedBirthDate: null },
  }),
  e(F, 'SubjectAdded', {
    subjectId: 'c2',
    kind: 'child',
    identitySubject: null,
    personal: { name: 'y', birthDate: '2012-06-01', expectedBirthDate: null },
  }),
  e('concern-k1', 'ConcernNoted', {
    concernId: 'k1',
    municipalityId: 'm',
    familyId: 'f1',
    subjectId: 'c1',
    serviceId: 'hs',
    kind: 'undring',
    notedBy: 'kari',
    notedAt: '2026-01-05T09:00:00.000Z',
    decisionDeadline: '2026-01-19',
    personal: { summary: 's' },
  }),
  e('concern-k1', 'ConcernDecided', {
    outcome: 'involve_others',
    decidedBy: 'kari',
    decidedAt: '2026-01-10T09:00:00.000Z',
    late: false,
    personal: { reason: 'r', lateReason: null },
  }),
  initiatedL1,
  e(L1, 'ConsentRequested', {
    consentId: 's1',
    scope: { services: ['hs', 'bh'], categories: ['health'] },
    requestedBy: hs,
    requestedAt: '2026-01-10T10:00:00.000Z',
    personal: { purpose: 'p' },
  }),
  e(L1, 'ConsentGiven', {
    consentId: 's1',
    givenBy: { kind: 'guardian', guardianId: 'g1' },
    form: { kind: 'digital' },
    validFrom: '2026-01-15',
    validUntil: '2026-02-20',
    recordedBy: guardian,
    at: '2026-01-15T10:00:00.000Z',
  }),
  e(L1, 'StafettloggOpened', {
    level: 2,
    stafettholder: hs,
    rules,
    openedBy: hs,
    openedAt: '2026-01-20T10:00:00.000Z',
  }),
  e(L1, 'ServiceJoined', {
    serviceId: 'bh',
    hidden: false,
    addedBy: hs,
    at: '2026-01-21T10:00:00.000Z',
  }),
  e(L1, 'MeasurePlanned', {
    measureId: 'x1',
    responsible: bh,
    startDate: '2026-01-25',
    evaluationDate: '2026-03-01',
    initiativeId: 'familiekoordinator',
    catalogueEntryId: null,
    plannedBy: hs,
    at: '2026-01-22T10:00:00.000Z',
    personal: { goal: 'g' },
  }),
  e(L1, 'MeasureStarted', { measureId: 'x1', startedOn: '2026-01-25', by: bh }),
  e(L1, 'StafettholderHandoverOffered', { to: bh, offeredBy: hs, at: '2026-02-01T10:00:00.000Z' }),
  e(L1, 'StafettholderHandoverAccepted', {
    stafettholder: bh,
    previous: hs,
    at: '2026-02-03T10:00:00.000Z',
  }),
  e(MT, 'MeetingScheduled', {
    meetingId: 'mt1',
    municipalityId: 'm',
    familyId: 'f1',
    logIds: ['l1'],
    startsAt: '2026-02-10T10:00:00.000Z',
    durationMinutes: 60,
    locationKind: 'video',
    chair: bh,
    invitedServices: ['hs'],
    hiddenServices: [],
    invitedGuardians: ['g1'],
    invitedYouth: [],
    scheduledBy: bh,
    at: '2026-02-02T10:00:00.000Z',
    personal: { agenda: [], location: { place: null, link: null } },
  }),
  e(MT, 'MeetingStarted', {
    attendance: [{ kind: 'guardian', guardianId: 'g1', mode: 'present' }],
    by: bh,
    at: '2026-02-10T10:00:00.000Z',
  }),
  e(MT, 'GuardiansHeard', {
    speakers: ['g1'],
    recordedBy: { kind: 'staff', ...bh },
    at: '2026-02-10T10:05:00.000Z',
    personal: { text: 't' },
  }),
  e(MT, 'ServicePerspectiveRecorded', {
    serviceId: 'hs',
    by: hs,
    at: '2026-02-10T10:10:00.000Z',
    personal: { text: 't' },
  }),
  e(MT, 'ChildsVoiceRecorded', {
    heard: true,
    by: bh,
    at: '2026-02-10T10:20:00.000Z',
    personal: { text: 't', reasonNotHeard: null },
  }),
  e(MT, 'MeetingEvaluatedByFamily', {
    evaluator: { kind: 'guardian', guardianId: 'g1' },
    coordination: 4,
    beingHeard: 5,
    usefulness: 3,
    recordedBy: { kind: 'guardian', guardianId: 'g1' },
    at: '2026-02-10T11:00:00.000Z',
    personal: { comment: null },
  }),
  e(MT, 'MeetingEnded', { nextMeetingDate: null, by: bh, at: '2026-02-10T11:05:00.000Z' }),
  e(MT, 'EttermoteRecorded', {
    confidentialityReminded: true,
    formAndContent: 4,
    chairSteering: 5,
    teamSupport: 3,
    equalDialogue: 4,
    childsVoiceHeard: 'yes',
    by: bh,
    at: '2026-02-10T12:00:00.000Z',
    personal: { learned: null },
  }),
  e(L1, 'MeasureEvaluated', {
    measureId: 'x1',
    goalAttainment: 'partly',
    decision: 'continue',
    nextEvaluationDate: '2026-04-15',
    evaluatedOn: '2026-03-05',
    onTime: false,
    by: bh,
    personal: { familyView: 'f' },
  }),
  e(L1, 'StafettloggClosed', {
    reason: 'needs_met',
    familyEvaluation: { coordination: 5, accessibility: 4, participation: 3 },
    closedBy: bh,
    at: '2026-04-10T10:00:00.000Z',
    personal: { evaluationMissingReason: null, familyComment: null },
  }),
  e('concern-k2', 'ConcernNoted', {
    concernId: 'k2',
    municipalityId: 'm',
    familyId: 'f1',
    subjectId: 'c2',
    serviceId: 'nav',
    kind: 'bekymring',
    notedBy: 'nina',
    notedAt: '2026-02-01T09:00:00.000Z',
    decisionDeadline: '2026-02-15',
    personal: { summary: 's' },
  }),
  e('concern-k2', 'ConcernDecided', {
    outcome: 'involve_others',
    decidedBy: 'nina',
    decidedAt: '2026-02-20T09:00:00.000Z',
    late: true,
    personal: { reason: 'r', lateReason: 'l' },
  }),
  e(
    L2,
    'StafettloggInitiated',
    {
      logId: 'l2',
      concernId: 'k2',
      familyId: 'f1',
      subjectId: 'c2',
      municipalityId: 'm',
      initiatedBy: nav,
    },
    '2026-02-20T10:00:00.000Z',
  ),
  e(L2, 'ConsentRequested', {
    consentId: 's2',
    scope: { services: ['nav'], categories: ['economy_and_housing'] },
    requestedBy: nav,
    requestedAt: '2026-02-20T10:00:00.000Z',
    personal: { purpose: 'p' },
  }),
  e(L2, 'ConsentGiven', {
    consentId: 's2',
    givenBy: { kind: 'guardian', guardianId: 'g1' },
    form: { kind: 'digital' },
    validFrom: '2026-03-01',
    validUntil: '2027-02-28',
    recordedBy: guardian,
    at: '2026-03-01T10:00:00.000Z',
  }),
  e(L2, 'StafettloggOpened', {
    level: 3,
    stafettholder: nav,
    rules,
    openedBy: nav,
    openedAt: '2026-03-02T10:00:00.000Z',
  }),
  e(L2, 'MeasurePlanned', {
    measureId: 'x2',
    responsible: nav,
    startDate: '2026-03-03',
    evaluationDate: '2026-03-31',
    initiativeId: null,
    catalogueEntryId: null,
    plannedBy: nav,
    at: '2026-03-03T10:00:00.000Z',
    personal: { goal: 'g' },
  }),
  e(L2, 'LevelChanged', {
    from: 3,
    to: 2,
    changedBy: nav,
    at: '2026-03-10T10:00:00.000Z',
    personal: { reason: 'r' },
  }),
  e(L2, 'StafettholderHandoverOffered', { to: hs, offeredBy: nav, at: '2026-03-15T10:00:00.000Z' }),
  e(L2, 'StafettholderHandoverDeclined', { declinedBy: hs, at: '2026-03-16T10:00:00.000Z' }),
  e(L2, 'ConsentWithdrawn', {
    consentId: 's2',
    withdrawnBy: { kind: 'guardian', guardianId: 'g1' },
    at: '2026-05-05T10:00:00.000Z',
  }),
  e('arena-a1', 'ArenaEstablished', {
    arenaId: 'a1',
    municipalityId: 'm',
    kind: 'kompetanseteam',
    name: 'KT',
    mandate: 'm',
    intakeCriteria: 'i',
    memberServices: ['hs', 'bh'],
    meetingRhythm: 'r',
    acceptsCitizenReferrals: true,
    by: 'admin',
    at: '2026-01-01T10:00:00.000Z',
  }),
  e('discussion-d1', 'AnonymousDiscussionOpened', {
    discussionId: 'd1',
    municipalityId: 'm',
    arenaId: 'a1',
    ageBand: '6-12',
    themes: [],
    servicesInvolved: [],
    teamServices: ['hs', 'bh'],
    askedBy: hs,
    at: '2026-02-05T10:00:00.000Z',
    personal: { question: 'q' },
  }),
  e('discussion-d1', 'AnonymousDiscussionAdvised', {
    advice: 'a',
    outcome: 'recommend_consent',
    by: bh,
    at: '2026-02-06T10:00:00.000Z',
  }),
  e('discussion-d2', 'AnonymousDiscussionOpened', {
    discussionId: 'd2',
    municipalityId: 'm',
    arenaId: 'a1',
    ageBand: '13-18',
    themes: [],
    servicesInvolved: [],
    teamServices: ['hs', 'bh'],
    askedBy: bh,
    at: '2026-02-06T10:00:00.000Z',
    personal: { question: 'q' },
  }),
  e('discussion-d2', 'AnonymousDiscussionAdvised', {
    advice: 'a',
    outcome: 'advice_only',
    by: hs,
    at: '2026-02-07T10:00:00.000Z',
  }),
  e('arena-a1', 'CaseReferredToArena', {
    referralId: 'r1',
    familyId: 'f1',
    logId: 'l1',
    subjectId: 'c1',
    level: 2,
    referrer: { kind: 'staff', ...hs },
    consentCoversArena: true,
    at: '2026-03-01T10:00:00.000Z',
    personal: { reason: 'r' },
  }),
  e('arena-a1', 'ReferralAccepted', {
    referralId: 'r1',
    by: bh,
    at: '2026-03-02T10:00:00.000Z',
    personal: { note: null },
  }),
  e('arena-a1', 'CaseReferredToArena', {
    referralId: 'r2',
    familyId: 'f1',
    logId: null,
    subjectId: 'c2',
    level: null,
    referrer: { kind: 'guardian', guardianId: 'g1' },
    consentCoversArena: false,
    at: '2026-03-02T10:00:00.000Z',
    personal: { reason: 'r' },
  }),
  e('arena-a1', 'ReferralDeclined', {
    referralId: 'r2',
    by: bh,
    redirectToArenaId: null,
    at: '2026-03-03T10:00:00.000Z',
    personal: { reason: 'r', advice: null },
  }),
  e('programme-m', 'InitiativeRegistered', {
    initiativeId: 'familiekoordinator',
    municipalityId: 'm',
    status: 'running',
    name: 'Familiekoordinator',
    purpose: 'p',
    targetGroup: 't',
    serviceIds: ['bh'],
    sectors: ['barnehage'],
    evaluationMethod: 'e',
    by: 'admin',
    at: '2026-01-01T10:00:00.000Z',
  }),
  e('programme-m', 'GrantAllocated', {
    allocationId: 'al1',
    year: 2026,
    scheme: 'kap-765-post-60',
    amountNok: 1_000_000,
    by: 'admin',
    at: '2026-01-01T10:00:00.000Z',
  }),
  e('programme-m', 'FundsCommitted', {
    commitmentId: 'co1',
    initiativeId: 'familiekoordinator',
    year: 2026,
    scheme: 'kap-765-post-60',
    amountNok: 400_000,
    by: 'admin',
    at: '2026-01-02T10:00:00.000Z',
  }),
  e('programme-m', 'BaselineMarked', {
    date: '2026-01-01',
    note: null,
    by: 'admin',
    at: '2026-01-01T10:00:00.000Z',
  }),
];

/** The year 2026, all areas, no breakdown: each metric's value worked out by hand above. */
const EXPECTED_2026: Record<string, number | null> = {
  logs_opened: 2,
  logs_active: 1, // a stock: the end of August (l2 open, l1 closed in April)
  logs_closed: 1,
  logs_awaiting_consent: 0,
  logs_inactive: 1, // l2: nothing since 5 May; at the end of August June–August are quiet
  concerns_decided_in_time: 50,
  days_concern_to_consent: 19, // (10.0 + 28.0) / 2
  days_concern_to_first_meeting: 36,
  days_concern_to_first_measure: 19.6,
  days_without_stafettholder_at_start: 10,
  handovers_offered: 2,
  handover_acceptance_days: 2,
  handovers_declined: 1,
  measures_planned: 2,
  measures_started: 1,
  evaluations_on_time: 0,
  evaluations_overdue: 1, // x2, due 31 March, never evaluated
  evaluations_goal_reached: 0,
  evaluations_goal_partly: 100,
  evaluations_goal_not_reached: 0,
  services_per_log: 1.5,
  sectors_per_log: 1.5,
  logs_with_two_or_more_sectors: 50,
  meetings_held: 1,
  meetings_guardians_present: 100,
  meetings_guardians_first: 100,
  meetings_childs_voice_recorded: 100,
  meeting_score_coordination: 4,
  meeting_score_being_heard: 5,
  meeting_score_usefulness: 3,
  ettermote_equal_dialogue: 4,
  ettermote_chair_steering: 5,
  ettermote_team_support: 3,
  ettermote_form_and_content: 4,
  ettermote_childs_voice_heard: 100,
  ettermote_confidentiality_reminded: 100,
  consents_given: 2,
  consents_withdrawn: 1,
  consents_refused: 0,
  consents_expiring: 0, // a stock; s1 was expiring at the end of January only
  anonymous_discussions: 2,
  discussions_recommending_consent: 50,
  referrals: 2,
  referrals_accepted: 1,
  referrals_declined: 1,
  closing_score_coordination: 5,
  closing_score_accessibility: 4,
  closing_score_participation: 3,
};

const NOW = new Date('2026-08-15T12:00:00.000Z');

describe('programme metrics, against values worked out by hand', () => {
  const spec = projectionSpec(metricFactsProjection);
  const store = spec.given(history);
  const reader = new MetricsReader(store.db, () => 1n, 1);
  const value = (
    query: Partial<MetricQuery> & { metricId: string },
    period: string,
    category = 'total',
  ) => {
    const table = reader.table({ areaLevel: 'all', period: 'year', by: 'none', ...query }, NOW);
    const cell = table.cells.find((c) => c.period === period && c.category === category);
    return cell?.value;
  };

  it('has a hand-worked value for every metric in the catalogue', () => {
    expect(Object.keys(EXPECTED_2026).sort()).toEqual(METRICS.map((m) => m.id).sort());
  });

  it.each(Object.entries(EXPECTED_2026))('%s for 2026 is %p', (metricId, expected) => {
    expect(value({ metricId }, '2026')).toBe(expected);
  });

  it('counts a stock at each month’s end, and a flow in the month it happened', () => {
    expect(value({ metricId: 'logs_awaiting_consent', period: 'month' }, '2026-02')).toBe(1);
    expect(value({ metricId: 'consents_expiring', period: 'month' }, '2026-01')).toBe(1);
    expect(value({ metricId: 'logs_active', period: 'quarter' }, '2026-Q1')).toBe(2);
    expect(value({ metricId: 'logs_inactive', period: 'month' }, '2026-06')).toBe(0);
    expect(value({ metricId: 'logs_inactive', period: 'month' }, '2026-07')).toBe(1);
    expect(value({ metricId: 'evaluations_overdue', period: 'month' }, '2026-03')).toBe(0);
    expect(value({ metricId: 'evaluations_overdue', period: 'month' }, '2026-04')).toBe(1);
    expect(value({ metricId: 'logs_opened', period: 'quarter' }, '2026-Q1')).toBe(2);
    expect(value({ metricId: 'logs_opened', period: 'quarter' }, '2026-Q2')).toBe(0);
  });

  it('breaks down by level, age band and sector', () => {
    expect(value({ metricId: 'logs_opened', by: 'level' }, '2026', '2')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'level' }, '2026', '3')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'ageBand' }, '2026', '0-5')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'ageBand' }, '2026', '13-18')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'ageBand' }, '2026', '6-12')).toBe(0);
    expect(value({ metricId: 'logs_opened', by: 'sector' }, '2026', 'barnehage')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'sector' }, '2026', 'nav')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'sector' }, '2026', 'total')).toBe(2);
    expect(value({ metricId: 'measures_planned', by: 'sector' }, '2026', 'nav')).toBe(1);
    // l2 opened at level 3 and moved to 2: active at the end of August at level 2.
    expect(value({ metricId: 'logs_active', by: 'level' }, '2026', '2')).toBe(1);
    expect(value({ metricId: 'anonymous_discussions', by: 'ageBand' }, '2026', '6-12')).toBe(1);
  });

  it('counts a child whose birth date was erased in the unknown age band, not as a pregnancy', () => {
    // The family's personal data erased: the birth date reads back null, marked erased.
    const erasedHistory = history.map((event) =>
      event.type === 'SubjectAdded' && (event.data as { subjectId: string }).subjectId === 'c2'
        ? {
            ...event,
            data: {
              ...event.data,
              personal: { name: null, birthDate: null, expectedBirthDate: null, erased: true },
            },
          }
        : event,
    );
    const erased = new MetricsReader(spec.given(erasedHistory).db, () => 1n, 1);
    const band = (category: string) =>
      erased
        .table({ metricId: 'logs_opened', areaLevel: 'all', period: 'year', by: 'ageBand' }, NOW)
        .cells.find((c) => c.period === '2026' && c.category === category)?.value;
    expect(band('unknown')).toBe(1);
    expect(band('13-18')).toBe(0);
    expect(band('pregnancy')).toBe(0);
    expect(band('0-5')).toBe(1);
    expect(band('total')).toBe(2);
    // Where no child's birth date is erased, the tables have no such column at all.
    expect(value({ metricId: 'logs_opened', by: 'ageBand' }, '2026', 'unknown')).toBeUndefined();
  });

  it('shows a municipality’s trend against its own baseline', () => {
    const table = reader.table(
      {
        metricId: 'logs_opened',
        areaLevel: 'municipality',
        areaId: 'm',
        period: 'quarter',
        by: 'none',
      },
      NOW,
    );
    expect(table.baseline).toEqual({ date: '2026-01-01', period: '2026-Q1' });
    expect(table.cells.find((c) => c.period === '2026-Q2')).toMatchObject({
      value: 0,
      baselineValue: 2,
      changeFromBaseline: -2,
    });
  });

  it('gives each initiative its children, sectors and funds', () => {
    expect(reader.initiatives('m')).toEqual([
      {
        initiativeId: 'familiekoordinator',
        name: 'Familiekoordinator',
        status: 'running',
        childrenReached: 1,
        suppressed: false,
        sectorsInvolved: ['barnehage'],
        committedNok: { 'kap-765-post-60': 400_000 },
      },
    ]);
    expect(reader.allocations('m')).toEqual([
      { year: 2026, scheme: 'kap-765-post-60', amountNok: 1_000_000 },
    ]);
    const strict = new MetricsReader(store.db, () => 1n, 5);
    expect(strict.initiatives('m')[0]).toMatchObject({ childrenReached: null, suppressed: true });
  });

  it('suppresses all of it at the real threshold: two children are too few to publish', () => {
    const strict = new MetricsReader(store.db, () => 1n, 5);
    for (const metric of METRICS) {
      const table = strict.table(
        {
          metricId: metric.id,
          areaLevel: 'municipality',
          areaId: 'm',
          period: 'month',
          by: 'ageBand',
        },
        NOW,
      );
      for (const cell of table.cells)
        if (cell.suppressed) expect(cell.value).toBeNull();
        else expect([0, null]).toContain(cell.value);
    }
  });

  it('exports CSV with the definitions version, period, area and suppression marker', () => {
    const strict = new MetricsReader(store.db, () => 1n, 5);
    const csv = metricTableCsv(
      strict.table({ metricId: 'logs_opened', areaLevel: 'all', period: 'year', by: 'none' }, NOW),
    );
    expect(csv.split('\n')[0]).toBe(
      'metric,definitions_version,area_level,area_id,period,category,value,suppressed,baseline_value,change_from_baseline',
    );
    expect(csv.split('\n')[1]).toMatch(/^logs_opened,[^,]+,all,all,2026,total,,true,,$/);
  });

  it('shows leaders the use of each unit: counts only, by service and month', () => {
    const use = new MunicipalityUseReader(store.db).use('m', 12, NOW);
    const activity = (serviceId: string) =>
      Object.fromEntries(
        (use.services.find((s) => s.serviceId === serviceId)?.activityByMonth ?? [])
          .filter((m) => m.events > 0)
          .map((m) => [m.month, m.events]),
      );
    expect(use.services.map((s) => s.serviceId)).toEqual(['bh', 'hs', 'nav']);
    expect(use.services.find((s) => s.serviceId === 'nav')).toMatchObject({
      name: 'NAV',
      sector: 'nav',
      openLogs: 1,
      logsHeld: 1,
      overdueEvaluations: 1,
      handoversWaiting: 0,
      concernsPastDeadline: 0,
      consentsToRenew: 0,
    });
    expect(use.services.find((s) => s.serviceId === 'bh')).toMatchObject({
      openLogs: 0,
      logsHeld: 0,
    });
    expect(activity('nav')).toEqual({ '2026-02': 2, '2026-03': 4 });
    expect(activity('hs')).toEqual({ '2026-01': 5, '2026-02': 1, '2026-03': 1 });
    expect(activity('bh')).toEqual({ '2026-01': 1, '2026-02': 1, '2026-03': 1, '2026-04': 1 });
    expect(use.services[0].activityByMonth.map((m) => m.month)).toEqual([
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
    ]);
  });

  it('reuses computed figures for a while as events arrive, unless the caller asks for its own write', () => {
    const own = spec.given(history);
    let checkpoint = 100n;
    let clock = 0;
    const cached = new MetricsReader(
      own.db,
      () => checkpoint,
      1,
      () => clock,
    );
    const opened = (minPosition = 0n) =>
      cached
        .table(
          { metricId: 'logs_opened', areaLevel: 'all', period: 'year', by: 'none' },
          NOW,
          minPosition,
        )
        .cells.find((c) => c.category === 'total')?.value;
    expect(opened()).toBe(2);
    own.db
      .prepare(
        `INSERT INTO metric_logs (log_id, municipality_id, family_id, subject_id, concern_id, initiated_at, opened_at, level_at_open, level)
         VALUES ('l3', 'm', 'f1', 'c2', 'k2', '2026-06-01T10:00:00.000Z', '2026-06-02T10:00:00.000Z', 1, 1)`,
      )
      .run();
    checkpoint = 101n;
    clock = 1_000;
    expect(opened()).toBe(2); // a second later: the figures built a moment ago
    expect(opened(101n)).toBe(3); // the caller's own write: built again
    own.db.prepare(`UPDATE metric_logs SET opened_at = NULL WHERE log_id = 'l3'`).run();
    checkpoint = 102n;
    clock = 1_000 + METRICS_MAX_AGE_MS + 1;
    expect(opened()).toBe(2); // too old once new events came: built again
  });

  it('puts each fact in its month in Oslo: opened at 00:30 on 1 October there is October’s, though UTC says September', () => {
    const nearMidnight: GivenEvent[] = [
      ...history.slice(0, 8), // the municipality, its services, the family and its children, k1
      { ...initiatedL1, occurredAt: '2026-09-30T21:30:00.000Z' },
      e(
        L1,
        'StafettloggOpened',
        { level: 2, stafettholder: hs, rules, openedBy: hs, openedAt: '2026-09-30T22:30:00.000Z' },
        '2026-09-30T22:30:00.000Z',
      ),
    ];
    const own = new MetricsReader(spec.given(nearMidnight).db, () => 1n, 1);
    // 23:30 UTC on 31 October is 00:30 on 1 November in Oslo: November is this month, the last.
    const justPastMidnight = new Date('2026-10-31T23:30:00.000Z');
    const monthly = (metricId: string, by: MetricQuery['by'] = 'none', category = 'total') =>
      Object.fromEntries(
        own
          .table({ metricId, areaLevel: 'all', period: 'month', by }, justPastMidnight)
          .cells.filter((c) => c.category === category && c.period >= '2026-09')
          .map((c) => [c.period, c.value]),
      );
    expect(monthly('logs_opened')).toEqual({ '2026-09': 0, '2026-10': 1, '2026-11': 0 });
    expect(monthly('logs_active')).toEqual({ '2026-09': 0, '2026-10': 1, '2026-11': 1 });
    // At level 2 from the moment it opened: on its day in Oslo, not "before it opened" in UTC.
    expect(monthly('services_per_log', 'level', '2')).toEqual({
      '2026-09': null,
      '2026-10': 1,
      '2026-11': null,
    });
    const use = new MunicipalityUseReader(spec.given(nearMidnight).db).use(
      'm',
      2,
      justPastMidnight,
    );
    expect(
      use.services
        .find((s) => s.serviceId === 'hs')
        ?.activityByMonth.map((m) => [m.month, m.events]),
    ).toEqual([
      ['2026-10', 1],
      ['2026-11', 0],
    ]);
  });

  it('builds the same facts one event at a time as all at once', () => {
    expect(spec.given(history, 1).dumpProjection(metricFactsProjection)).toEqual(
      spec.given(history).dumpProjection(metricFactsProjection),
    );
  });
});
