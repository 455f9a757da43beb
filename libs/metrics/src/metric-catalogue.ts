import { dayOf, monthOf, type AgeBand } from '@bti/domain';
import type { MetricKind } from './metric-cube';
import {
  ageBandAt,
  daysBetween,
  monthEnd,
  monthEndInstant,
  monthsBetween,
  type LogFact,
  type MetricAgeBand,
  type MetricFacts,
} from './metric-facts';

/** Raise when a definition changes meaning; every export carries it. */
export const DEFINITIONS_VERSION = '2026-11-2';

/** One contribution, with every dimension a breakdown may ask for. */
export interface RawUnit {
  municipalityId: string;
  month: string;
  ageBand: MetricAgeBand;
  level: number | null;
  sectors: readonly string[];
  subject: string;
  value: number;
}

export interface MetricDefinition {
  id: string;
  title: string;
  kind: MetricKind;
  /** What a value counts or measures. */
  unit: string;
  /** How it is computed, in words: the month a unit falls in, what it counts, what it excludes. */
  formula: string;
  /** The events its facts come from. */
  sources: readonly string[];
  /** A state at each month's end: a quarter or year shows its last month, not a sum. */
  stock?: boolean;
  units(facts: MetricFacts, currentMonth: string): Iterable<RawUnit>;
}

const LOG_SOURCES = ['StafettloggInitiated', 'StafettloggOpened', 'ServiceJoined', 'LevelChanged'];

function logUnit(log: LogFact, day: string, value: number, level?: number | null): RawUnit {
  return {
    municipalityId: log.municipalityId,
    month: monthOf(day),
    ageBand: ageBandAt(log.birthDate, day),
    level: level === undefined ? log.level : level,
    sectors: log.sectors,
    subject: log.subject,
    value,
  };
}

/** A metric over logs: each log yields at most one unit, at the day `when` gives. */
function perLog(
  when: (log: LogFact) => string | null,
  value: (log: LogFact, day: string) => number | null,
  level: (log: LogFact, facts: MetricFacts, day: string) => number | null = (log, facts, day) =>
    facts.levelAt(log, day),
): MetricDefinition['units'] {
  return function* (facts) {
    for (const log of facts.logs) {
      const day = when(log);
      if (!day) continue;
      const v = value(log, day);
      if (v === null) continue;
      yield logUnit(log, day, v, level(log, facts, day));
    }
  };
}

/** A metric of a state at each month's end, from the month it starts to the current month. */
function atMonthEnd(
  from: (log: LogFact) => string | null,
  holds: (log: LogFact, end: string, month: string) => boolean,
): MetricDefinition['units'] {
  return function* (facts, currentMonth) {
    for (const log of facts.logs) {
      const start = from(log);
      if (!start) continue;
      for (const month of monthsBetween(monthOf(start), currentMonth)) {
        const end = monthEnd(month);
        if (holds(log, end, month)) yield logUnit(log, end, 1, facts.levelAt(log, end));
      }
    }
  };
}

const open = (log: LogFact, end: string) =>
  log.openedAt !== null &&
  dayOf(log.openedAt) <= end &&
  (log.closedAt === null || dayOf(log.closedAt) > end);

interface MeetingRow {
  meeting_id: string;
  municipality_id: string;
  log_ids: string;
  started_at: string | null;
  guardians_present: number | null;
  first_contribution: string | null;
  childs_voice_heard: number | null;
}

/** Meetings held, each about the first log it names (for the child counted and the age band). */
function* meetingsHeld(facts: MetricFacts, value: (m: MeetingRow) => number | null) {
  for (const row of facts.rows(
    'SELECT * FROM metric_meetings WHERE started_at IS NOT NULL',
  ) as unknown as MeetingRow[]) {
    const log = facts.logsById.get((JSON.parse(row.log_ids) as string[])[0]);
    const v = value(row);
    if (!log || v === null || !row.started_at) continue;
    yield logUnit(log, row.started_at, v, facts.levelAt(log, row.started_at));
  }
}

/** Rows joined to their log, each a unit at the row's own day. */
function* joinedToLog(
  facts: MetricFacts,
  sql: string,
  day: (row: Record<string, string | number | null>) => string | null,
  value: (row: Record<string, string | number | null>) => number | null,
  sectors?: (row: Record<string, string | number | null>, log: LogFact) => string[],
) {
  for (const row of facts.rows(sql)) {
    const log = facts.logsById.get(String(row.log_id));
    const d = day(row);
    const v = value(row);
    if (!log || !d || v === null) continue;
    const unit = logUnit(log, d, v, facts.levelAt(log, d));
    yield sectors ? { ...unit, sectors: sectors(row, log) } : unit;
  }
}

const meetingScore = (
  id: string,
  column: 'coordination' | 'being_heard' | 'usefulness',
  title: string,
): MetricDefinition => ({
  id,
  title,
  kind: 'mean',
  unit: 'score 1–5',
  formula: `Mean of the family's ${column.replace('_', ' ')} score (1–5) over the family evaluations recorded in the month; a meeting about several logs counts under its first log.`,
  sources: ['MeetingEvaluatedByFamily', 'MeetingScheduled'],
  units: function* (facts) {
    for (const row of facts.rows(
      `SELECT e.at, e.${column} AS score, m.log_ids FROM metric_meeting_evaluations e
       JOIN metric_meetings m USING (meeting_id)`,
    )) {
      const log = facts.logsById.get((JSON.parse(String(row.log_ids)) as string[])[0]);
      if (log) yield logUnit(log, String(row.at), Number(row.score));
    }
  },
});

const ettermoteScore = (
  id: string,
  column: string,
  title: string,
  kind: MetricKind,
  value: (v: string | number | null) => number,
): MetricDefinition => ({
  id,
  title,
  kind,
  unit: kind === 'share' ? '% of ettermøter' : 'score 1–5',
  formula:
    kind === 'share'
      ? `Share of ettermøter recorded in the month where ${column.replace(/_/g, ' ')} holds.`
      : `Mean ${column.replace(/_/g, ' ')} score (1–5) of the ettermøter recorded in the month.`,
  sources: ['EttermoteRecorded', 'MeetingScheduled'],
  units: function* (facts) {
    for (const row of facts.rows(
      `SELECT e.at, e.${column} AS v, m.log_ids FROM metric_ettermoter e JOIN metric_meetings m USING (meeting_id)`,
    )) {
      const log = facts.logsById.get((JSON.parse(String(row.log_ids)) as string[])[0]);
      if (log) yield logUnit(log, String(row.at), value(row.v));
    }
  },
});

const closingScore = (
  id: string,
  key: 'coordination' | 'accessibility' | 'participation',
): MetricDefinition => ({
  id,
  title: `The family's ${key} score when the log closed`,
  kind: 'mean',
  unit: 'score 1–5',
  formula: `Mean of the family's ${key} score (1–5) recorded at closing, over logs closed in the month with an evaluation.`,
  sources: ['StafettloggClosed'],
  units: perLog(
    (log) => log.closedAt,
    (log) => log.closing?.[key] ?? null,
  ),
});

const consentCount = (
  id: string,
  column: 'given_at' | 'withdrawn_at' | 'refused_at',
  title: string,
  source: string,
): MetricDefinition => ({
  id,
  title,
  kind: 'count',
  unit: 'consents',
  formula: `Consents ${column.replace('_at', '')} in the month.`,
  sources: [source],
  units: (facts) =>
    joinedToLog(
      facts,
      `SELECT log_id, ${column} AS at FROM metric_consents WHERE ${column} IS NOT NULL`,
      (row) => String(row.at),
      () => 1,
    ),
});

const daysFromConcern = (
  id: string,
  until: (log: LogFact) => string | null,
  what: string,
  source: string,
): MetricDefinition => ({
  id,
  title: `Days from the concern to ${what}`,
  kind: 'mean',
  unit: 'days',
  formula: `Mean days from the nivå-0 concern being noted to ${what}, over logs where that happened in the month (tidlig innsats: lower is earlier).`,
  sources: ['ConcernNoted', source],
  units: perLog(until, (log, day) =>
    log.concernNotedAt ? daysBetween(log.concernNotedAt, day) : null,
  ),
});

/** Every programme metric; `docs/metrics.md` lists the same definitions. */
export const METRICS: readonly MetricDefinition[] = [
  {
    id: 'logs_opened',
    title: 'Stafettlogger opened',
    kind: 'count',
    unit: 'logs',
    formula:
      'Logs opened (consent given and a stafettholder named) in the month, by the level they opened at.',
    sources: LOG_SOURCES,
    units: perLog(
      (log) => log.openedAt,
      () => 1,
      (log) => log.levelAtOpen,
    ),
  },
  {
    id: 'logs_active',
    title: 'Stafettlogger active at the end of the month',
    stock: true,
    kind: 'count',
    unit: 'logs',
    formula:
      'Logs opened on or before the last day of the month and not closed by then, by their level that day.',
    sources: [...LOG_SOURCES, 'StafettloggClosed', 'StafettloggReopened'],
    units: atMonthEnd((log) => log.openedAt, open),
  },
  {
    id: 'logs_closed',
    title: 'Stafettlogger closed',
    kind: 'count',
    unit: 'logs',
    formula: 'Logs closed in the month, by their level when closed.',
    sources: [...LOG_SOURCES, 'StafettloggClosed'],
    units: perLog(
      (log) => log.closedAt,
      () => 1,
    ),
  },
  {
    id: 'logs_awaiting_consent',
    title: 'Logs waiting for consent at the end of the month',
    stock: true,
    kind: 'count',
    unit: 'logs',
    formula:
      'Logs initiated on or before the last day of the month and not opened (nor closed) by then.',
    sources: ['StafettloggInitiated', 'StafettloggOpened', 'StafettloggClosed'],
    units: atMonthEnd(
      (log) => log.initiatedAt,
      (log, end) =>
        dayOf(log.initiatedAt) <= end &&
        (log.openedAt === null || dayOf(log.openedAt) > end) &&
        (log.closedAt === null || dayOf(log.closedAt) > end),
    ),
  },
  {
    id: 'logs_inactive',
    title: 'Open logs with no activity past the threshold',
    stock: true,
    kind: 'count',
    unit: 'logs',
    formula:
      'Logs open at the end of the month with no event in the last ⌈threshold/30⌉ months including this one (threshold: the handlingsveileder’s inactivity days, 60 by default), counted from one threshold after opening.',
    sources: [...LOG_SOURCES, 'every log event'],
    units: atMonthEnd(
      (log) => log.openedAt,
      (log, end, month) => {
        const span = Math.max(1, Math.ceil((log.inactivityDays ?? 60) / 30));
        const window = monthsBetween(shiftMonth(month, -(span - 1)), month);
        return (
          open(log, end) &&
          daysBetween(log.openedAt as string, monthEndInstant(month)) >
            (log.inactivityDays ?? 60) &&
          window.every((m) => !log.activeMonths.has(m))
        );
      },
    ),
  },
  {
    id: 'concerns_decided_in_time',
    title: 'Concerns decided within the deadline',
    kind: 'share',
    unit: '% of decided concerns',
    formula:
      'Share of nivå-0 concerns decided in the month that were decided by the handlingsveileder’s deadline.',
    sources: ['ConcernNoted', 'ConcernDecided'],
    units: function* (facts) {
      for (const row of facts.rows(
        `SELECT municipality_id, family_id, subject_id, service_id, decided_at, late FROM metric_concerns
         WHERE decided_at IS NOT NULL`,
      )) {
        const day = String(row.decided_at);
        yield {
          municipalityId: String(row.municipality_id),
          month: monthOf(day),
          ageBand: ageBandAt(facts.birthDateOf(String(row.family_id), String(row.subject_id)), day),
          level: 0,
          sectors: [facts.sectorOf(String(row.municipality_id), String(row.service_id))],
          subject: `${row.family_id}/${row.subject_id}`,
          value: row.late ? 0 : 1,
        };
      }
    },
  },
  daysFromConcern(
    'days_concern_to_consent',
    (log) => log.firstConsentAt,
    'consent',
    'ConsentGiven',
  ),
  daysFromConcern(
    'days_concern_to_first_meeting',
    (log) => log.firstMeetingAt,
    'the first samordningsmøte',
    'MeetingStarted',
  ),
  daysFromConcern(
    'days_concern_to_first_measure',
    (log) => log.firstMeasureOn,
    'the first measure started',
    'MeasureStarted',
  ),
  {
    id: 'days_without_stafettholder_at_start',
    title: 'Days from the log’s start to an accepted stafettholder',
    kind: 'mean',
    unit: 'days',
    formula:
      'Mean days from a log being initiated to its opening with a named stafettholder, over logs opened in the month.',
    sources: ['StafettloggInitiated', 'StafettloggOpened'],
    units: perLog(
      (log) => log.openedAt,
      (log, day) => daysBetween(log.initiatedAt, day),
    ),
  },
  {
    id: 'handovers_offered',
    title: 'Stafettholder handovers offered',
    kind: 'count',
    unit: 'handovers',
    formula: 'Handovers of the baton offered in the month.',
    sources: ['StafettholderHandoverOffered'],
    units: (facts) =>
      joinedToLog(
        facts,
        'SELECT log_id, offered_at FROM metric_handovers',
        (row) => String(row.offered_at),
        () => 1,
      ),
  },
  {
    id: 'handover_acceptance_days',
    title: 'Days from a handover offered to accepted',
    kind: 'mean',
    unit: 'days',
    formula:
      'Mean days the baton was in the air — offered, not yet accepted — over handovers accepted in the month (brudd i oppfølging).',
    sources: ['StafettholderHandoverOffered', 'StafettholderHandoverAccepted'],
    units: (facts) =>
      joinedToLog(
        facts,
        'SELECT log_id, offered_at, answered_at FROM metric_handovers WHERE accepted = 1',
        (row) => String(row.answered_at),
        (row) => daysBetween(String(row.offered_at), String(row.answered_at)),
      ),
  },
  {
    id: 'handovers_declined',
    title: 'Stafettholder handovers declined',
    kind: 'count',
    unit: 'handovers',
    formula: 'Handovers declined in the month.',
    sources: ['StafettholderHandoverDeclined'],
    units: (facts) =>
      joinedToLog(
        facts,
        'SELECT log_id, answered_at FROM metric_handovers WHERE accepted = 0',
        (row) => String(row.answered_at),
        () => 1,
      ),
  },
  {
    id: 'measures_planned',
    title: 'Measures planned',
    kind: 'count',
    unit: 'measures',
    formula: 'Measures planned in the month; the sector is the responsible service’s.',
    sources: ['MeasurePlanned'],
    units: (facts) =>
      joinedToLog(
        facts,
        'SELECT log_id, planned_at, responsible_service FROM metric_measures',
        (row) => String(row.planned_at),
        () => 1,
        (row, log) => [facts.sectorOf(log.municipalityId, String(row.responsible_service))],
      ),
  },
  {
    id: 'measures_started',
    title: 'Measures started',
    kind: 'count',
    unit: 'measures',
    formula: 'Measures started in the month; the sector is the responsible service’s.',
    sources: ['MeasureStarted'],
    units: (facts) =>
      joinedToLog(
        facts,
        'SELECT log_id, started_on, responsible_service FROM metric_measures WHERE started_on IS NOT NULL',
        (row) => String(row.started_on),
        () => 1,
        (row, log) => [facts.sectorOf(log.municipalityId, String(row.responsible_service))],
      ),
  },
  {
    id: 'evaluations_on_time',
    title: 'Measure evaluations done on time',
    kind: 'share',
    unit: '% of evaluations',
    formula:
      'Share of measure evaluations done in the month that were on or before their evaluation date.',
    sources: ['MeasureEvaluated'],
    units: (facts) =>
      joinedToLog(
        facts,
        'SELECT log_id, evaluated_on, on_time FROM metric_evaluation_dues WHERE evaluated_on IS NOT NULL',
        (row) => String(row.evaluated_on),
        (row) => Number(row.on_time),
      ),
  },
  {
    id: 'evaluations_overdue',
    title: 'Measures with their evaluation overdue at the end of the month',
    stock: true,
    kind: 'count',
    unit: 'measures',
    formula:
      'Measures not ended whose evaluation date had passed by the last day of the month without an evaluation.',
    sources: ['MeasurePlanned', 'MeasureEvaluated', 'MeasureEnded'],
    units: function* (facts, currentMonth) {
      for (const row of facts.rows(
        `SELECT d.log_id, d.due_on, d.evaluated_on, m.ended_on FROM metric_evaluation_dues d
         JOIN metric_measures m USING (log_id, measure_id)`,
      )) {
        const log = facts.logsById.get(String(row.log_id));
        if (!log) continue;
        const due = String(row.due_on);
        for (const month of monthsBetween(monthOf(due), currentMonth)) {
          const end = monthEnd(month);
          const settled = [row.evaluated_on, row.ended_on, log.closedAt].some(
            (at) => at !== null && dayOf(String(at)) <= end,
          );
          if (settled) break;
          if (due < end) yield logUnit(log, end, 1, facts.levelAt(log, end));
        }
      }
    },
  },
  ...(['reached', 'partly', 'not_reached'] as const).map((attainment): MetricDefinition => ({
    id: `evaluations_goal_${attainment}`,
    title: `Measure evaluations: goal ${attainment.replace('_', ' ')}`,
    kind: 'share',
    unit: '% of evaluations',
    formula: `Share of the measure evaluations done in the month whose goal attainment was "${attainment}".`,
    sources: ['MeasureEvaluated'],
    units: (facts) =>
      joinedToLog(
        facts,
        'SELECT log_id, evaluated_on, goal_attainment FROM metric_evaluation_dues WHERE evaluated_on IS NOT NULL',
        (row) => String(row.evaluated_on),
        (row) => Number(row.goal_attainment === attainment),
      ),
  })),
  {
    id: 'services_per_log',
    title: 'Services per log',
    kind: 'mean',
    unit: 'services',
    formula: 'Mean number of services that have taken part, over logs opened in the month.',
    sources: ['StafettloggOpened', 'ServiceJoined'],
    units: perLog(
      (log) => log.openedAt,
      (log) => log.services,
    ),
  },
  {
    id: 'sectors_per_log',
    title: 'Sectors per log',
    kind: 'mean',
    unit: 'sectors',
    formula:
      'Mean number of distinct sectors among the services that have taken part, over logs opened in the month.',
    sources: ['StafettloggOpened', 'ServiceJoined', 'ServiceRegistered'],
    units: perLog(
      (log) => log.openedAt,
      (log) => log.sectors.length,
    ),
  },
  {
    id: 'logs_with_two_or_more_sectors',
    title: 'Logs with two or more sectors (tverrfaglighet)',
    kind: 'share',
    unit: '% of logs',
    formula:
      'Share of the logs opened in the month in which services of at least two sectors have taken part.',
    sources: ['StafettloggOpened', 'ServiceJoined', 'ServiceRegistered'],
    units: perLog(
      (log) => log.openedAt,
      (log) => Number(log.sectors.length >= 2),
    ),
  },
  {
    id: 'meetings_held',
    title: 'Samordningsmøter held',
    kind: 'count',
    unit: 'meetings',
    formula: 'Meetings started in the month.',
    sources: ['MeetingScheduled', 'MeetingStarted'],
    units: (facts) => meetingsHeld(facts, () => 1),
  },
  {
    id: 'meetings_guardians_present',
    title: 'Meetings with the guardians present',
    kind: 'share',
    unit: '% of meetings',
    formula:
      'Share of meetings started in the month where a guardian attended in person or digitally.',
    sources: ['MeetingStarted'],
    units: (facts) => meetingsHeld(facts, (m) => Number(m.guardians_present === 1)),
  },
  {
    id: 'meetings_guardians_first',
    title: 'Meetings where the guardians spoke first',
    kind: 'share',
    unit: '% of meetings with guardians',
    formula:
      'Of meetings started in the month with a guardian present, the share where the guardians’ statement came before any service’s contribution or decision.',
    sources: [
      'MeetingStarted',
      'GuardiansHeard',
      'ServicePerspectiveRecorded',
      'MeetingDecisionRecorded',
    ],
    units: (facts) =>
      meetingsHeld(facts, (m) =>
        m.guardians_present === 1 ? Number(m.first_contribution === 'guardians') : null,
      ),
  },
  {
    id: 'meetings_childs_voice_recorded',
    title: 'Meetings where the child’s voice was recorded',
    kind: 'share',
    unit: '% of meetings',
    formula:
      'Share of meetings started in the month where the child’s own view was recorded (not only why it was not).',
    sources: ['MeetingStarted', 'ChildsVoiceRecorded'],
    units: (facts) => meetingsHeld(facts, (m) => Number(m.childs_voice_heard === 1)),
  },
  meetingScore('meeting_score_coordination', 'coordination', 'The family’s score: coordination'),
  meetingScore('meeting_score_being_heard', 'being_heard', 'The family’s score: being heard'),
  meetingScore('meeting_score_usefulness', 'usefulness', 'The family’s score: usefulness'),
  ettermoteScore(
    'ettermote_equal_dialogue',
    'equal_dialogue',
    'Ettermøte: equal dialogue',
    'mean',
    Number,
  ),
  ettermoteScore(
    'ettermote_chair_steering',
    'chair_steering',
    'Ettermøte: the chair’s steering',
    'mean',
    Number,
  ),
  ettermoteScore(
    'ettermote_team_support',
    'team_support',
    'Ettermøte: the team’s support',
    'mean',
    Number,
  ),
  ettermoteScore(
    'ettermote_form_and_content',
    'form_and_content',
    'Ettermøte: form and content',
    'mean',
    Number,
  ),
  ettermoteScore(
    'ettermote_childs_voice_heard',
    'childs_voice_heard',
    'Ettermøte: the child’s voice heard (yes)',
    'share',
    (v) => Number(v === 'yes'),
  ),
  ettermoteScore(
    'ettermote_confidentiality_reminded',
    'confidentiality_reminded',
    'Ettermøte: confidentiality reminded',
    'share',
    (v) => Number(v === 1),
  ),
  consentCount('consents_given', 'given_at', 'Consents given', 'ConsentGiven'),
  consentCount('consents_withdrawn', 'withdrawn_at', 'Consents withdrawn', 'ConsentWithdrawn'),
  consentCount('consents_refused', 'refused_at', 'Consents refused', 'ConsentRefused'),
  {
    id: 'consents_expiring',
    title: 'Consents ending within 30 days of the month’s end',
    stock: true,
    kind: 'count',
    unit: 'consents',
    formula:
      'Given consents, not withdrawn by the last day of the month, whose validity ends within the 30 days after it.',
    sources: ['ConsentGiven', 'ConsentRenewed', 'ConsentWithdrawn'],
    units: function* (facts, currentMonth) {
      for (const row of facts.rows(
        'SELECT log_id, given_at, withdrawn_at, valid_until FROM metric_consents WHERE given_at IS NOT NULL',
      )) {
        const log = facts.logsById.get(String(row.log_id));
        if (!log || row.valid_until === null) continue;
        const until = String(row.valid_until);
        for (const month of monthsBetween(monthOf(String(row.given_at)), currentMonth)) {
          const end = monthEnd(month);
          if (row.withdrawn_at !== null && dayOf(String(row.withdrawn_at)) <= end) break;
          if (until > end && daysBetween(end, until) <= 30)
            yield logUnit(log, end, 1, facts.levelAt(log, end));
        }
      }
    },
  },
  {
    id: 'anonymous_discussions',
    title: 'Anonymous discussions in a team',
    kind: 'count',
    unit: 'discussions',
    formula:
      'Cases discussed without identity in the month, by the age band given and the asking service’s sector (each discussion counts as one child).',
    sources: ['AnonymousDiscussionOpened'],
    units: function* (facts) {
      for (const row of facts.rows('SELECT * FROM metric_discussions')) {
        yield {
          municipalityId: String(row.municipality_id),
          month: monthOf(String(row.opened_at)),
          ageBand: row.age_band as AgeBand,
          level: null,
          sectors: [facts.sectorOf(String(row.municipality_id), String(row.asking_service))],
          subject: `discussion/${row.discussion_id}`,
          value: 1,
        };
      }
    },
  },
  {
    id: 'discussions_recommending_consent',
    title: 'Anonymous discussions that recommended asking for consent',
    kind: 'share',
    unit: '% of answered discussions',
    formula:
      'Of discussions opened in the month and answered, the share whose advice was to ask the family for consent (the step towards a log; the anonymous case cannot be followed further).',
    sources: ['AnonymousDiscussionOpened', 'AnonymousDiscussionAdvised'],
    units: function* (facts) {
      for (const row of facts.rows('SELECT * FROM metric_discussions WHERE outcome IS NOT NULL')) {
        yield {
          municipalityId: String(row.municipality_id),
          month: monthOf(String(row.opened_at)),
          ageBand: row.age_band as AgeBand,
          level: null,
          sectors: [facts.sectorOf(String(row.municipality_id), String(row.asking_service))],
          subject: `discussion/${row.discussion_id}`,
          value: Number(row.outcome === 'recommend_consent'),
        };
      }
    },
  },
  ...(['referrals', 'referrals_accepted', 'referrals_declined'] as const).map(
    (id): MetricDefinition => ({
      id,
      title:
        id === 'referrals'
          ? 'Cases referred to a team'
          : `Referrals ${id.endsWith('accepted') ? 'accepted' : 'declined'} by the team`,
      kind: 'count',
      unit: 'referrals',
      formula: `Referrals to arenas made in the month${id === 'referrals' ? '' : `, counted when ${id.split('_')[1]}`}; the sector is the referring service’s (a family’s own referral has none).`,
      sources: ['CaseReferredToArena', 'ReferralAccepted', 'ReferralDeclined'],
      units: function* (facts) {
        const status = id === 'referrals' ? null : id.split('_')[1];
        for (const row of facts.rows('SELECT * FROM metric_referrals')) {
          if (status && row.status !== status) continue;
          const log = row.log_id ? facts.logsById.get(String(row.log_id)) : undefined;
          const day = String(row.referred_at);
          const birth = row.subject_id
            ? facts.birthDateOf(String(row.family_id), String(row.subject_id))
            : null;
          yield {
            municipalityId: String(row.municipality_id),
            month: monthOf(day),
            ageBand: row.subject_id
              ? ageBandAt(birth, day)
              : log
                ? ageBandAt(log.birthDate, day)
                : 'pregnancy',
            level: log ? facts.levelAt(log, day) : null,
            sectors: row.referrer_service
              ? [facts.sectorOf(String(row.municipality_id), String(row.referrer_service))]
              : [],
            subject: `${row.family_id}/${row.subject_id ?? row.referral_id}`,
            value: 1,
          };
        }
      },
    }),
  ),
  closingScore('closing_score_coordination', 'coordination'),
  closingScore('closing_score_accessibility', 'accessibility'),
  closingScore('closing_score_participation', 'participation'),
];

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const METRIC_IDS = METRICS.map((m) => m.id);
