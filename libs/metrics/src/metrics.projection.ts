import type Database from 'better-sqlite3';
import {
  businessTimeOf,
  monthOf,
  personalReadsBlank,
  type ArenaEvent,
  type ConcernEvent,
  type DiscussionEvent,
  type FamilyEvent,
  type MeetingEvent,
  type MunicipalityEvent,
  type ProgrammeEvent,
  type StafettloggEvent,
} from '@bti/domain';
import { asReadEvent, type AsRead, type RecordedEvent } from '@bti/event-store';
import type { Projection } from '@bti/read-models';
import { METRIC_FACTS } from './metric-facts';

/**
 * Facts, not content: dates, levels, services, scores and counts. Nothing here names a person or
 * carries free text, so the metrics can be computed for anyone allowed to see aggregates.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS metric_municipalities (
  municipality_id TEXT PRIMARY KEY, name TEXT NOT NULL, county TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_services (
  municipality_id TEXT NOT NULL, service_id TEXT NOT NULL, sector TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (municipality_id, service_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_subjects (
  family_id TEXT NOT NULL, subject_id TEXT NOT NULL, birth_date TEXT, erased INTEGER NOT NULL,
  PRIMARY KEY (family_id, subject_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_concerns (
  concern_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, family_id TEXT NOT NULL,
  subject_id TEXT NOT NULL, service_id TEXT NOT NULL, noted_at TEXT NOT NULL,
  decision_deadline TEXT NOT NULL, decided_at TEXT, late INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_logs (
  log_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, family_id TEXT NOT NULL,
  subject_id TEXT NOT NULL, concern_id TEXT NOT NULL, initiated_at TEXT NOT NULL,
  first_consent_at TEXT, opened_at TEXT, level_at_open INTEGER, level INTEGER, closed_at TEXT,
  first_meeting_at TEXT, first_measure_on TEXT, inactivity_days INTEGER, holder_service TEXT,
  closing_coordination INTEGER, closing_accessibility INTEGER, closing_participation INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS metric_logs_by_subject ON metric_logs (family_id, subject_id);
CREATE INDEX IF NOT EXISTS metric_logs_by_municipality ON metric_logs (municipality_id);
CREATE INDEX IF NOT EXISTS metric_concerns_by_municipality ON metric_concerns (municipality_id);
CREATE TABLE IF NOT EXISTS metric_log_services (
  log_id TEXT NOT NULL, service_id TEXT NOT NULL, joined_at TEXT NOT NULL,
  PRIMARY KEY (log_id, service_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_log_activity (
  log_id TEXT NOT NULL, month TEXT NOT NULL, PRIMARY KEY (log_id, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_service_activity (
  municipality_id TEXT NOT NULL, service_id TEXT NOT NULL, month TEXT NOT NULL, events INTEGER NOT NULL,
  PRIMARY KEY (municipality_id, service_id, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_levels (
  log_id TEXT NOT NULL, at TEXT NOT NULL, level INTEGER NOT NULL, PRIMARY KEY (log_id, at, level)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_handovers (
  log_id TEXT NOT NULL, offered_at TEXT NOT NULL, to_service TEXT NOT NULL, answered_at TEXT,
  accepted INTEGER,
  PRIMARY KEY (log_id, offered_at)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_measures (
  log_id TEXT NOT NULL, measure_id TEXT NOT NULL, responsible_service TEXT NOT NULL,
  planned_at TEXT NOT NULL, started_on TEXT, ended_on TEXT, initiative_id TEXT,
  PRIMARY KEY (log_id, measure_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_evaluation_dues (
  log_id TEXT NOT NULL, measure_id TEXT NOT NULL, due_on TEXT NOT NULL, evaluated_on TEXT,
  on_time INTEGER, goal_attainment TEXT,
  PRIMARY KEY (log_id, measure_id, due_on)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_consents (
  log_id TEXT NOT NULL, consent_id TEXT NOT NULL, requested_at TEXT NOT NULL, given_at TEXT,
  refused_at TEXT, withdrawn_at TEXT, valid_until TEXT,
  PRIMARY KEY (log_id, consent_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_meetings (
  meeting_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, family_id TEXT NOT NULL,
  log_ids TEXT NOT NULL, started_at TEXT, guardians_present INTEGER, first_contribution TEXT,
  childs_voice_heard INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_meeting_evaluations (
  meeting_id TEXT NOT NULL, at TEXT NOT NULL, seq INTEGER NOT NULL, coordination INTEGER NOT NULL,
  being_heard INTEGER NOT NULL, usefulness INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_ettermoter (
  meeting_id TEXT PRIMARY KEY, at TEXT NOT NULL, confidentiality_reminded INTEGER NOT NULL,
  form_and_content INTEGER NOT NULL, chair_steering INTEGER NOT NULL, team_support INTEGER NOT NULL,
  equal_dialogue INTEGER NOT NULL, childs_voice_heard TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_discussions (
  discussion_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, arena_id TEXT NOT NULL,
  opened_at TEXT NOT NULL, age_band TEXT NOT NULL, asking_service TEXT NOT NULL, outcome TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_referrals (
  arena_id TEXT NOT NULL, referral_id TEXT NOT NULL, municipality_id TEXT NOT NULL,
  family_id TEXT NOT NULL, subject_id TEXT, log_id TEXT, referred_at TEXT NOT NULL,
  referrer_kind TEXT NOT NULL, referrer_service TEXT, status TEXT NOT NULL,
  PRIMARY KEY (arena_id, referral_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_arenas (
  arena_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_initiatives (
  municipality_id TEXT NOT NULL, initiative_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  PRIMARY KEY (municipality_id, initiative_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_grants (
  municipality_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, initiative_id TEXT,
  year INTEGER NOT NULL, scheme TEXT NOT NULL, amount_nok INTEGER NOT NULL,
  PRIMARY KEY (municipality_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_baselines (
  municipality_id TEXT PRIMARY KEY, date TEXT NOT NULL
) WITHOUT ROWID;
`;

const TABLES = [
  'metric_municipalities',
  'metric_services',
  'metric_subjects',
  'metric_concerns',
  'metric_logs',
  'metric_log_services',
  'metric_log_activity',
  'metric_service_activity',
  'metric_levels',
  'metric_handovers',
  'metric_measures',
  'metric_evaluation_dues',
  'metric_consents',
  'metric_meetings',
  'metric_meeting_evaluations',
  'metric_ettermoter',
  'metric_discussions',
  'metric_referrals',
  'metric_arenas',
  'metric_initiatives',
  'metric_grants',
  'metric_baselines',
] as const;

/** The service that acted in a log event, for the leaders' view of use; none for the family's acts. */
function actingService(event: AsRead<StafettloggEvent>): string | null {
  if (event.type === 'EntryAdded') return event.data.serviceId;
  const data = event.data as Partial<
    Record<
      | 'by'
      | 'openedBy'
      | 'addedBy'
      | 'requestedBy'
      | 'plannedBy'
      | 'offeredBy'
      | 'changedBy'
      | 'closedBy'
      | 'decidedBy'
      | 'initiatedBy'
      | 'reopenedBy',
      { serviceId?: string }
    >
  >;
  const ref =
    data.by ??
    data.openedBy ??
    data.addedBy ??
    data.requestedBy ??
    data.plannedBy ??
    data.offeredBy ??
    data.changedBy ??
    data.closedBy ??
    data.decidedBy ??
    data.initiatedBy ??
    data.reopenedBy;
  if (event.type === 'StafettholderHandoverAccepted') return event.data.stafettholder.serviceId;
  if (event.type === 'StafettholderHandoverDeclined') return event.data.declinedBy.serviceId;
  return ref?.serviceId ?? null;
}
const idAfter = (stream: string) => stream.slice(stream.indexOf('-') + 1);

type Statements = Record<string, Database.Statement>;

function statements(db: Database.Database): Statements {
  const sql: Record<string, string> = {
    municipality:
      'INSERT OR REPLACE INTO metric_municipalities (municipality_id, name, county) VALUES (?, ?, ?)',
    service:
      'INSERT OR REPLACE INTO metric_services (municipality_id, service_id, sector, name) VALUES (?, ?, ?, ?)',
    subject:
      'INSERT OR REPLACE INTO metric_subjects (family_id, subject_id, birth_date, erased) VALUES (?, ?, ?, ?)',
    born: 'UPDATE metric_subjects SET birth_date = ?, erased = ? WHERE family_id = ? AND subject_id = ?',
    concern: `INSERT OR IGNORE INTO metric_concerns (concern_id, municipality_id, family_id, subject_id,
      service_id, noted_at, decision_deadline) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    concernDecided: 'UPDATE metric_concerns SET decided_at = ?, late = ? WHERE concern_id = ?',
    log: `INSERT OR IGNORE INTO metric_logs (log_id, municipality_id, family_id, subject_id, concern_id,
      initiated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    firstConsent:
      'UPDATE metric_logs SET first_consent_at = coalesce(first_consent_at, ?) WHERE log_id = ?',
    opened: `UPDATE metric_logs SET opened_at = coalesce(opened_at, ?), level_at_open = coalesce(level_at_open, ?),
      level = ?, inactivity_days = ?, holder_service = ?, closed_at = NULL WHERE log_id = ?`,
    holder: 'UPDATE metric_logs SET holder_service = ? WHERE log_id = ?',
    serviceActivity: `INSERT INTO metric_service_activity (municipality_id, service_id, month, events)
      SELECT municipality_id, ?, ?, 1 FROM metric_logs WHERE log_id = ?
      ON CONFLICT (municipality_id, service_id, month) DO UPDATE SET events = events + 1`,
    inactivity: 'UPDATE metric_logs SET inactivity_days = ? WHERE log_id = ?',
    level: 'UPDATE metric_logs SET level = ? WHERE log_id = ?',
    levelAt: 'INSERT OR IGNORE INTO metric_levels (log_id, at, level) VALUES (?, ?, ?)',
    closed: `UPDATE metric_logs SET closed_at = ?, closing_coordination = ?, closing_accessibility = ?,
      closing_participation = ? WHERE log_id = ?`,
    reopened: 'UPDATE metric_logs SET closed_at = NULL WHERE log_id = ?',
    firstMeeting:
      'UPDATE metric_logs SET first_meeting_at = coalesce(first_meeting_at, ?) WHERE log_id = ?',
    firstMeasure:
      'UPDATE metric_logs SET first_measure_on = min(coalesce(first_measure_on, ?), ?) WHERE log_id = ?',
    joined:
      'INSERT OR IGNORE INTO metric_log_services (log_id, service_id, joined_at) VALUES (?, ?, ?)',
    activity: 'INSERT OR IGNORE INTO metric_log_activity (log_id, month) VALUES (?, ?)',
    offered:
      'INSERT OR IGNORE INTO metric_handovers (log_id, offered_at, to_service) VALUES (?, ?, ?)',
    answered: `UPDATE metric_handovers SET answered_at = ?, accepted = ?
      WHERE log_id = ? AND answered_at IS NULL`,
    measure: `INSERT OR IGNORE INTO metric_measures (log_id, measure_id, responsible_service, planned_at,
      initiative_id) VALUES (?, ?, ?, ?, ?)`,
    measureStarted: 'UPDATE metric_measures SET started_on = ? WHERE log_id = ? AND measure_id = ?',
    measureEnded: 'UPDATE metric_measures SET ended_on = ? WHERE log_id = ? AND measure_id = ?',
    due: `INSERT OR IGNORE INTO metric_evaluation_dues (log_id, measure_id, due_on) VALUES (?, ?, ?)`,
    evaluated: `UPDATE metric_evaluation_dues SET evaluated_on = ?, on_time = ?, goal_attainment = ?
      WHERE log_id = ? AND measure_id = ? AND evaluated_on IS NULL`,
    consent:
      'INSERT OR IGNORE INTO metric_consents (log_id, consent_id, requested_at) VALUES (?, ?, ?)',
    consentGiven: `UPDATE metric_consents SET given_at = coalesce(given_at, ?), valid_until = ?
      WHERE log_id = ? AND consent_id = ?`,
    consentRenewed:
      'UPDATE metric_consents SET valid_until = ? WHERE log_id = ? AND consent_id = ?',
    consentRefused: 'UPDATE metric_consents SET refused_at = ? WHERE log_id = ? AND consent_id = ?',
    consentWithdrawn:
      'UPDATE metric_consents SET withdrawn_at = ? WHERE log_id = ? AND consent_id = ?',
    meeting: `INSERT OR IGNORE INTO metric_meetings (meeting_id, municipality_id, family_id, log_ids)
      VALUES (?, ?, ?, ?)`,
    meetingLogs: 'SELECT log_ids FROM metric_meetings WHERE meeting_id = ?',
    meetingStarted:
      'UPDATE metric_meetings SET started_at = ?, guardians_present = ? WHERE meeting_id = ?',
    contribution: `UPDATE metric_meetings SET first_contribution = coalesce(first_contribution, ?)
      WHERE meeting_id = ?`,
    childsVoice: 'UPDATE metric_meetings SET childs_voice_heard = ? WHERE meeting_id = ?',
    meetingEvaluation: `INSERT OR IGNORE INTO metric_meeting_evaluations (meeting_id, at, seq, coordination,
      being_heard, usefulness) VALUES (?, ?, ?, ?, ?, ?)`,
    ettermote: `INSERT OR REPLACE INTO metric_ettermoter (meeting_id, at, confidentiality_reminded,
      form_and_content, chair_steering, team_support, equal_dialogue, childs_voice_heard)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    discussion: `INSERT OR IGNORE INTO metric_discussions (discussion_id, municipality_id, arena_id,
      opened_at, age_band, asking_service) VALUES (?, ?, ?, ?, ?, ?)`,
    discussionAdvised: 'UPDATE metric_discussions SET outcome = ? WHERE discussion_id = ?',
    arena:
      'INSERT OR REPLACE INTO metric_arenas (arena_id, municipality_id, kind, name) VALUES (?, ?, ?, ?)',
    arenaUpdated: 'UPDATE metric_arenas SET kind = ?, name = ? WHERE arena_id = ?',
    referral: `INSERT OR IGNORE INTO metric_referrals (arena_id, referral_id, municipality_id, family_id,
      subject_id, log_id, referred_at, referrer_kind, referrer_service, status)
      SELECT ?, ?, municipality_id, ?, ?, ?, ?, ?, ?, 'pending' FROM metric_arenas WHERE arena_id = ?`,
    referralAnswered:
      'UPDATE metric_referrals SET status = ? WHERE arena_id = ? AND referral_id = ?',
    initiative: `INSERT OR REPLACE INTO metric_initiatives (municipality_id, initiative_id, name, status)
      VALUES (?, ?, ?, ?)`,
    initiativeStatus:
      'UPDATE metric_initiatives SET status = ? WHERE municipality_id = ? AND initiative_id = ?',
    grant: `INSERT OR IGNORE INTO metric_grants (municipality_id, id, kind, initiative_id, year, scheme,
      amount_nok) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    baseline: 'INSERT OR REPLACE INTO metric_baselines (municipality_id, date) VALUES (?, ?)',
  };
  return Object.fromEntries(Object.entries(sql).map(([name, text]) => [name, db.prepare(text)]));
}

function prepare(db: Database.Database) {
  const s = statements(db);

  const municipality = (id: string, e: MunicipalityEvent) => {
    if (e.type === 'MunicipalityEnrolled') s.municipality.run(id, e.data.name, e.data.county);
    else if (e.type === 'ServiceRegistered')
      s.service.run(id, e.data.serviceId, e.data.sector, e.data.name);
  };

  const family = (familyId: string, e: AsRead<FamilyEvent>) => {
    // An erased birth date is not a pregnancy's missing one: the child is counted in no age band.
    if (e.type === 'SubjectAdded')
      s.subject.run(
        familyId,
        e.data.subjectId,
        e.data.personal.birthDate,
        Number(personalReadsBlank(e.data.personal)),
      );
    else if (e.type === 'ChildBorn')
      s.born.run(
        e.data.personal.birthDate,
        Number(personalReadsBlank(e.data.personal)),
        familyId,
        e.data.subjectId,
      );
  };

  const concern = (concernId: string, e: AsRead<ConcernEvent>) => {
    if (e.type === 'ConcernNoted') {
      const d = e.data;
      s.concern.run(
        concernId,
        d.municipalityId,
        d.familyId,
        d.subjectId,
        d.serviceId,
        d.notedAt,
        d.decisionDeadline,
      );
    } else if (e.type === 'ConcernDecided')
      s.concernDecided.run(e.data.decidedAt, Number(e.data.late), concernId);
  };

  const log = (logId: string, e: AsRead<StafettloggEvent>, recorded: RecordedEvent) => {
    const at = businessTimeOf(e) ?? recorded.metadata.occurredAt;
    switch (e.type) {
      case 'StafettloggInitiated': {
        const d = e.data;
        s.log.run(logId, d.municipalityId, d.familyId, d.subjectId, d.concernId, at);
        break;
      }
      case 'ConsentRequested':
        s.consent.run(logId, e.data.consentId, e.data.requestedAt);
        break;
      case 'ConsentGiven':
        s.consentGiven.run(e.data.at, e.data.validUntil, logId, e.data.consentId);
        s.firstConsent.run(e.data.at, logId);
        break;
      case 'ConsentRenewed':
        s.consentRenewed.run(e.data.validUntil, logId, e.data.consentId);
        break;
      case 'ConsentRefused':
        s.consentRefused.run(e.data.at, logId, e.data.consentId);
        break;
      case 'ConsentWithdrawn':
        s.consentWithdrawn.run(e.data.at, logId, e.data.consentId);
        break;
      case 'StafettloggOpened': {
        const d = e.data;
        s.opened.run(
          d.openedAt,
          d.level,
          d.level,
          d.rules.inactivityThresholdDays,
          d.stafettholder.serviceId,
          logId,
        );
        s.levelAt.run(logId, d.openedAt, d.level);
        s.joined.run(logId, d.stafettholder.serviceId, d.openedAt);
        break;
      }
      case 'RulesMovedOn':
        s.inactivity.run(e.data.rules.inactivityThresholdDays, logId);
        break;
      case 'ServiceJoined':
        s.joined.run(logId, e.data.serviceId, e.data.at);
        break;
      case 'LevelChanged':
        s.level.run(e.data.to, logId);
        s.levelAt.run(logId, e.data.at, e.data.to);
        break;
      case 'StafettholderHandoverOffered':
        // An offer still open here was to someone since deactivated, whom this offer replaces: it ends
        // answered by neither (accepted NULL) — not a decline, and not what this one's acceptance is
        // counted from.
        s.answered.run(e.data.at, null, logId);
        s.offered.run(logId, e.data.at, e.data.to.serviceId);
        break;
      case 'StafettholderHandoverAccepted':
        s.answered.run(e.data.at, 1, logId);
        s.holder.run(e.data.stafettholder.serviceId, logId);
        break;
      case 'StafettholderHandoverDeclined':
        s.answered.run(e.data.at, 0, logId);
        break;
      case 'MeasurePlanned': {
        const d = e.data;
        s.measure.run(logId, d.measureId, d.responsible.serviceId, d.at, d.initiativeId);
        s.due.run(logId, d.measureId, d.evaluationDate);
        break;
      }
      case 'MeasureStarted':
        s.measureStarted.run(e.data.startedOn, logId, e.data.measureId);
        s.firstMeasure.run(e.data.startedOn, e.data.startedOn, logId);
        break;
      case 'MeasureEvaluated': {
        const d = e.data;
        s.evaluated.run(d.evaluatedOn, Number(d.onTime), d.goalAttainment, logId, d.measureId);
        if (d.nextEvaluationDate) s.due.run(logId, d.measureId, d.nextEvaluationDate);
        break;
      }
      case 'MeasureEnded':
        s.measureEnded.run(e.data.endedOn, logId, e.data.measureId);
        break;
      case 'StafettloggClosed': {
        const evaluation = e.data.familyEvaluation;
        s.closed.run(
          e.data.at,
          evaluation?.coordination ?? null,
          evaluation?.accessibility ?? null,
          evaluation?.participation ?? null,
          logId,
        );
        break;
      }
      case 'StafettloggReopened':
        s.reopened.run(logId);
        break;
      case 'SamordningsansvarAssigned':
        break;
    }
    s.activity.run(logId, monthOf(at));
    const actor = actingService(e);
    if (actor) s.serviceActivity.run(actor, monthOf(at), logId);
  };

  const meeting = (meetingId: string, e: AsRead<MeetingEvent>, seq: number) => {
    switch (e.type) {
      case 'MeetingScheduled':
        s.meeting.run(
          meetingId,
          e.data.municipalityId,
          e.data.familyId,
          JSON.stringify(e.data.logIds),
        );
        return;
      case 'MeetingStarted': {
        const guardians = e.data.attendance.filter((a) => a.kind === 'guardian');
        const present = guardians.some((a) => a.mode === 'present' || a.mode === 'digital');
        s.meetingStarted.run(e.data.at, Number(present), meetingId);
        const row = s.meetingLogs.get(meetingId) as { log_ids: string } | undefined;
        for (const logId of JSON.parse(row?.log_ids ?? '[]') as string[])
          s.firstMeeting.run(e.data.at, logId);
        return;
      }
      case 'GuardiansHeard':
        s.contribution.run('guardians', meetingId);
        return;
      case 'ServicePerspectiveRecorded':
      case 'SharedUnderstandingRecorded':
      case 'MeetingDecisionRecorded':
        s.contribution.run('services', meetingId);
        return;
      case 'ChildsVoiceRecorded':
        s.childsVoice.run(Number(e.data.heard), meetingId);
        return;
      case 'MeetingEvaluatedByFamily': {
        const d = e.data;
        s.meetingEvaluation.run(meetingId, d.at, seq, d.coordination, d.beingHeard, d.usefulness);
        return;
      }
      case 'EttermoteRecorded': {
        const d = e.data;
        s.ettermote.run(
          meetingId,
          d.at,
          Number(d.confidentialityReminded),
          d.formAndContent,
          d.chairSteering,
          d.teamSupport,
          d.equalDialogue,
          d.childsVoiceHeard,
        );
        return;
      }
      default:
        return;
    }
  };

  const discussion = (discussionId: string, e: DiscussionEvent) => {
    if (e.type === 'AnonymousDiscussionOpened') {
      const d = e.data;
      s.discussion.run(
        discussionId,
        d.municipalityId,
        d.arenaId,
        d.at,
        d.ageBand,
        d.askedBy.serviceId,
      );
    } else if (e.type === 'AnonymousDiscussionAdvised')
      s.discussionAdvised.run(e.data.outcome, discussionId);
  };

  const arena = (arenaId: string, e: AsRead<ArenaEvent>) => {
    switch (e.type) {
      case 'ArenaEstablished':
        s.arena.run(arenaId, e.data.municipalityId, e.data.kind, e.data.name);
        return;
      case 'ArenaUpdated':
        s.arenaUpdated.run(e.data.kind, e.data.name, arenaId);
        return;
      case 'CaseReferredToArena': {
        const d = e.data;
        s.referral.run(
          arenaId,
          d.referralId,
          d.familyId,
          d.subjectId,
          d.logId,
          d.at,
          d.referrer.kind,
          d.referrer.kind === 'staff' ? d.referrer.serviceId : null,
          arenaId,
        );
        return;
      }
      case 'ReferralAccepted':
        s.referralAnswered.run('accepted', arenaId, e.data.referralId);
        return;
      case 'ReferralDeclined':
        s.referralAnswered.run('declined', arenaId, e.data.referralId);
        return;
    }
  };

  const programme = (municipalityId: string, e: ProgrammeEvent) => {
    switch (e.type) {
      case 'InitiativeRegistered':
        s.initiative.run(municipalityId, e.data.initiativeId, e.data.name, e.data.status);
        return;
      case 'InitiativeStatusChanged':
        s.initiativeStatus.run(e.data.to, municipalityId, e.data.initiativeId);
        return;
      case 'GrantAllocated': {
        const d = e.data;
        s.grant.run(
          municipalityId,
          d.allocationId,
          'allocation',
          null,
          d.year,
          d.scheme,
          d.amountNok,
        );
        return;
      }
      case 'FundsCommitted': {
        const d = e.data;
        s.grant.run(
          municipalityId,
          d.commitmentId,
          'commitment',
          d.initiativeId,
          d.year,
          d.scheme,
          d.amountNok,
        );
        return;
      }
      case 'BaselineMarked':
        s.baseline.run(municipalityId, e.data.date);
        return;
      default:
        return;
    }
  };

  return (recorded: RecordedEvent) => {
    const id = idAfter(recorded.stream);
    const prefix = recorded.stream.slice(0, recorded.stream.indexOf('-'));
    switch (prefix) {
      case 'municipality':
        return municipality(id, asReadEvent<MunicipalityEvent>(recorded));
      case 'family':
        return family(id, asReadEvent<FamilyEvent>(recorded));
      case 'concern':
        return concern(id, asReadEvent<ConcernEvent>(recorded));
      case 'stafettlogg':
        return log(id, asReadEvent<StafettloggEvent>(recorded), recorded);
      case 'meeting':
        return meeting(id, asReadEvent<MeetingEvent>(recorded), Number(recorded.revision));
      case 'discussion':
        return discussion(id, asReadEvent<DiscussionEvent>(recorded));
      case 'arena':
        return arena(id, asReadEvent<ArenaEvent>(recorded));
      case 'programme':
        return programme(id, asReadEvent<ProgrammeEvent>(recorded));
      default:
        return;
    }
  };
}

/**
 * The facts every programme metric is computed from: one row per concern, log, service in a log,
 * month with activity, level, handover, measure, evaluation due, consent, meeting, evaluation,
 * ettermøte, discussion, referral, initiative and grant — dates, levels, sectors and scores, never
 * names or free text.
 */
export const metricFactsProjection: Projection = {
  name: METRIC_FACTS,
  version: 4,
  tables: TABLES,
  schema: SCHEMA,
  filter: {
    streamPrefixes: [
      'municipality-',
      'family-',
      'concern-',
      'stafettlogg-',
      'meeting-',
      'discussion-',
      'arena-',
      'programme-',
    ],
  },
  prepare,
};
