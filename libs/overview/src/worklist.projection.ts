import type Database from 'better-sqlite3';
import {
  meetingStatusAfter,
  type ConcernEvent,
  type MeetingEvent,
  type StafettloggEvent,
} from '@bti/domain';
import { asReadEvent, type AsRead, type RecordedEvent } from '@bti/event-store';
import type { Projection } from '@bti/read-models';

/** The projection's name: worklist queries wait for it. */
export const WORKLISTS = 'worklists';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS worklist_logs (
  log_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, family_id TEXT NOT NULL,
  subject_id TEXT NOT NULL, status TEXT NOT NULL, level INTEGER,
  holder_staff TEXT, holder_service TEXT, pending_staff TEXT, pending_service TEXT, offered_at TEXT,
  inactivity_days INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS worklist_logs_by_holder ON worklist_logs (municipality_id, holder_staff, status);
CREATE INDEX IF NOT EXISTS worklist_logs_by_pending ON worklist_logs (municipality_id, pending_staff);
CREATE TABLE IF NOT EXISTS worklist_measures (
  log_id TEXT NOT NULL, measure_id TEXT NOT NULL, municipality_id TEXT NOT NULL,
  responsible_staff TEXT NOT NULL, responsible_service TEXT NOT NULL, status TEXT NOT NULL,
  evaluation_date TEXT,
  PRIMARY KEY (log_id, measure_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS worklist_measures_by_responsible
  ON worklist_measures (municipality_id, responsible_staff, evaluation_date);
CREATE TABLE IF NOT EXISTS worklist_consents (
  log_id TEXT NOT NULL, consent_id TEXT NOT NULL, status TEXT NOT NULL, valid_until TEXT,
  PRIMARY KEY (log_id, consent_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS worklist_concerns (
  concern_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, service_id TEXT NOT NULL,
  family_id TEXT NOT NULL, subject_id TEXT NOT NULL, kind TEXT NOT NULL,
  decision_deadline TEXT NOT NULL, decided INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS worklist_concerns_open
  ON worklist_concerns (municipality_id, service_id, decided, decision_deadline);
CREATE TABLE IF NOT EXISTS worklist_meetings (
  meeting_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, family_id TEXT NOT NULL,
  log_ids TEXT NOT NULL, chair_staff TEXT NOT NULL, chair_service TEXT NOT NULL,
  status TEXT NOT NULL, starts_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS worklist_meetings_by_chair
  ON worklist_meetings (municipality_id, chair_service, status, starts_at);
CREATE TABLE IF NOT EXISTS worklist_decisions (
  meeting_id TEXT NOT NULL, decision_id TEXT NOT NULL, event_id TEXT NOT NULL,
  municipality_id TEXT NOT NULL, chair_service TEXT NOT NULL, kind TEXT NOT NULL,
  responsible_staff TEXT NOT NULL, responsible_service TEXT NOT NULL, deadline TEXT NOT NULL,
  status TEXT NOT NULL, follow_up_code TEXT, follow_up_at TEXT,
  PRIMARY KEY (meeting_id, decision_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS worklist_decisions_by_event ON worklist_decisions (event_id);
CREATE INDEX IF NOT EXISTS worklist_decisions_by_chair
  ON worklist_decisions (municipality_id, chair_service, status, deadline);
`;

/** Decision kinds the saga carries into the log; the others are agreements a person follows up. */
const CARRIED_BY_SAGA = new Set(['measure', 'level_change', 'stafettholder', 'samordningsansvar']);

function prepare(db: Database.Database) {
  const s = {
    insertLog: db.prepare(
      `INSERT OR IGNORE INTO worklist_logs (log_id, municipality_id, family_id, subject_id, status)
       VALUES (?, ?, ?, ?, 'awaiting_consent')`,
    ),
    opened: db.prepare(
      `UPDATE worklist_logs SET status = 'open', level = ?, holder_staff = ?, holder_service = ?,
         inactivity_days = ? WHERE log_id = ?`,
    ),
    inactivity: db.prepare('UPDATE worklist_logs SET inactivity_days = ? WHERE log_id = ?'),
    level: db.prepare('UPDATE worklist_logs SET level = ? WHERE log_id = ?'),
    offered: db.prepare(
      'UPDATE worklist_logs SET pending_staff = ?, pending_service = ?, offered_at = ? WHERE log_id = ?',
    ),
    accepted: db.prepare(
      `UPDATE worklist_logs SET holder_staff = ?, holder_service = ?, pending_staff = NULL,
         pending_service = NULL, offered_at = NULL WHERE log_id = ?`,
    ),
    declined: db.prepare(
      'UPDATE worklist_logs SET pending_staff = NULL, pending_service = NULL, offered_at = NULL WHERE log_id = ?',
    ),
    status: db.prepare(
      'UPDATE worklist_logs SET status = ?, pending_staff = NULL, pending_service = NULL, offered_at = NULL WHERE log_id = ?',
    ),
    measure: db.prepare(
      `INSERT OR IGNORE INTO worklist_measures (log_id, measure_id, municipality_id, responsible_staff,
         responsible_service, status, evaluation_date)
       SELECT ?, ?, municipality_id, ?, ?, 'planned', ? FROM worklist_logs WHERE log_id = ?`,
    ),
    measureStatus: db.prepare(
      'UPDATE worklist_measures SET status = ? WHERE log_id = ? AND measure_id = ?',
    ),
    measureEvaluated: db.prepare(
      'UPDATE worklist_measures SET evaluation_date = ? WHERE log_id = ? AND measure_id = ?',
    ),
    measureEnded: db.prepare(
      `UPDATE worklist_measures SET status = 'ended', evaluation_date = NULL WHERE log_id = ? AND measure_id = ?`,
    ),
    consent: db.prepare(
      `INSERT OR IGNORE INTO worklist_consents (log_id, consent_id, status) VALUES (?, ?, 'requested')`,
    ),
    consentStatus: db.prepare(
      'UPDATE worklist_consents SET status = ? WHERE log_id = ? AND consent_id = ?',
    ),
    consentValidUntil: db.prepare(
      `UPDATE worklist_consents SET status = 'given', valid_until = ? WHERE log_id = ? AND consent_id = ?`,
    ),
    concern: db.prepare(
      `INSERT OR IGNORE INTO worklist_concerns (concern_id, municipality_id, service_id, family_id,
         subject_id, kind, decision_deadline, decided) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
    ),
    concernDecided: db.prepare('UPDATE worklist_concerns SET decided = 1 WHERE concern_id = ?'),
    meeting: db.prepare(
      `INSERT OR IGNORE INTO worklist_meetings (meeting_id, municipality_id, family_id, log_ids,
         chair_staff, chair_service, status, starts_at) VALUES (?, ?, ?, ?, ?, ?, 'scheduled', ?)`,
    ),
    meetingMoved: db.prepare('UPDATE worklist_meetings SET starts_at = ? WHERE meeting_id = ?'),
    meetingStatus: db.prepare('UPDATE worklist_meetings SET status = ? WHERE meeting_id = ?'),
    decision: db.prepare(
      `INSERT OR IGNORE INTO worklist_decisions (meeting_id, decision_id, event_id, municipality_id,
         chair_service, kind, responsible_staff, responsible_service, deadline, status)
       SELECT ?, ?, ?, municipality_id, chair_service, ?, ?, ?, ?, ? FROM worklist_meetings
       WHERE meeting_id = ?`,
    ),
    carriedOut: db.prepare(
      `UPDATE worklist_decisions SET status = 'carried_out' WHERE event_id = ? AND status = 'recorded'`,
    ),
    followUp: db.prepare(
      `UPDATE worklist_decisions SET status = 'follow_up', follow_up_code = ?, follow_up_at = ?
       WHERE meeting_id = ? AND decision_id = ?`,
    ),
    resolved: db.prepare(
      `UPDATE worklist_decisions SET status = 'resolved' WHERE meeting_id = ? AND decision_id = ?`,
    ),
  };

  const log = (logId: string, event: AsRead<StafettloggEvent>, recorded: RecordedEvent) => {
    switch (event.type) {
      case 'StafettloggInitiated': {
        const d = event.data;
        s.insertLog.run(logId, d.municipalityId, d.familyId, d.subjectId);
        break;
      }
      case 'ConsentRequested':
        s.consent.run(logId, event.data.consentId);
        break;
      case 'ConsentGiven':
        s.consentValidUntil.run(event.data.validUntil, logId, event.data.consentId);
        break;
      case 'ConsentRenewed':
        s.consentValidUntil.run(event.data.validUntil, logId, event.data.consentId);
        break;
      case 'ConsentRefused':
        s.consentStatus.run('refused', logId, event.data.consentId);
        break;
      case 'ConsentWithdrawn':
        s.consentStatus.run('withdrawn', logId, event.data.consentId);
        break;
      case 'StafettloggOpened': {
        const d = event.data;
        s.opened.run(
          d.level,
          d.stafettholder.staffId,
          d.stafettholder.serviceId,
          d.rules.inactivityThresholdDays,
          logId,
        );
        break;
      }
      case 'RulesMovedOn':
        s.inactivity.run(event.data.rules.inactivityThresholdDays, logId);
        break;
      case 'LevelChanged':
        s.level.run(event.data.to, logId);
        break;
      case 'StafettholderHandoverOffered':
        s.offered.run(event.data.to.staffId, event.data.to.serviceId, event.data.at, logId);
        break;
      case 'StafettholderHandoverAccepted':
        s.accepted.run(event.data.stafettholder.staffId, event.data.stafettholder.serviceId, logId);
        break;
      case 'StafettholderHandoverDeclined':
        s.declined.run(logId);
        break;
      case 'StafettloggClosed':
        s.status.run('closed', logId);
        break;
      case 'StafettloggReopened':
        s.status.run('open', logId);
        break;
      case 'MeasurePlanned': {
        const d = event.data;
        s.measure.run(
          logId,
          d.measureId,
          d.responsible.staffId,
          d.responsible.serviceId,
          d.evaluationDate,
          logId,
        );
        break;
      }
      case 'MeasureStarted':
        s.measureStatus.run('started', logId, event.data.measureId);
        break;
      case 'MeasureEvaluated':
        s.measureEvaluated.run(event.data.nextEvaluationDate, logId, event.data.measureId);
        break;
      case 'MeasureEnded':
        s.measureEnded.run(logId, event.data.measureId);
        break;
      default:
        break;
    }
    if (recorded.metadata.causationId) s.carriedOut.run(recorded.metadata.causationId);
  };

  const concern = (concernId: string, event: AsRead<ConcernEvent>) => {
    if (event.type === 'ConcernNoted') {
      const d = event.data;
      s.concern.run(
        concernId,
        d.municipalityId,
        d.serviceId,
        d.familyId,
        d.subjectId,
        d.kind,
        d.decisionDeadline,
      );
    } else if (event.type === 'ConcernDecided') s.concernDecided.run(concernId);
  };

  const meeting = (meetingId: string, event: AsRead<MeetingEvent>, recorded: RecordedEvent) => {
    switch (event.type) {
      case 'MeetingScheduled': {
        const d = event.data;
        s.meeting.run(
          meetingId,
          d.municipalityId,
          d.familyId,
          JSON.stringify(d.logIds),
          d.chair.staffId,
          d.chair.serviceId,
          d.startsAt,
        );
        return;
      }
      case 'MeetingRescheduled':
        s.meetingMoved.run(event.data.startsAt, meetingId);
        return;
      case 'MeetingCancelled':
      case 'MeetingStarted':
      case 'MeetingEnded':
        s.meetingStatus.run(meetingStatusAfter(event), meetingId);
        return;
      case 'MeetingDecisionRecorded': {
        const d = event.data;
        s.decision.run(
          meetingId,
          d.decisionId,
          recorded.id,
          d.details.kind,
          d.responsible.staffId,
          d.responsible.serviceId,
          d.deadline,
          CARRIED_BY_SAGA.has(d.details.kind) ? 'recorded' : 'agreement',
          meetingId,
        );
        return;
      }
      case 'DecisionFollowUpNeeded':
        s.followUp.run(event.data.code, event.data.at, meetingId, event.data.decisionId);
        return;
      case 'DecisionFollowUpResolved':
        s.resolved.run(meetingId, event.data.decisionId);
        return;
      default:
        return;
    }
  };

  return (recorded: RecordedEvent) => {
    const [prefix, ...rest] = recorded.stream.split('-');
    const id = rest.join('-');
    if (prefix === 'stafettlogg') log(id, asReadEvent<StafettloggEvent>(recorded), recorded);
    else if (prefix === 'concern') concern(id, asReadEvent<ConcernEvent>(recorded));
    else if (prefix === 'meeting') meeting(id, asReadEvent<MeetingEvent>(recorded), recorded);
  };
}

/**
 * What staff must act on, as rows keyed by the person or service who must act: batons held, handovers
 * offered, evaluations by date, consents by expiry, concerns by deadline, meetings by chair, decisions by
 * deadline. Queries never scan a log's content.
 */
export const worklistProjection: Projection = {
  name: WORKLISTS,
  version: 2,
  tables: [
    'worklist_logs',
    'worklist_measures',
    'worklist_consents',
    'worklist_concerns',
    'worklist_meetings',
    'worklist_decisions',
  ],
  schema: SCHEMA,
  filter: { streamPrefixes: ['stafettlogg-', 'concern-', 'meeting-'] },
  prepare,
};
