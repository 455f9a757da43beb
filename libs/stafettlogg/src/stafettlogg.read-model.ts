import type Database from 'better-sqlite3';
import type { LogFamilyFacts } from '@bti/access';
import {
  businessTimeOf,
  DEFAULT_HANDLINGSVEILEDER,
  logActorId,
  meetingStatusAfter,
  type FamilyEvent,
  type InformationCategory,
  type MeetingEvent,
  type MunicipalityEvent,
  type StafettloggEvent,
} from '@bti/domain';
import { asReadEvent, type AsRead, type RecordedEvent } from '@bti/event-store';
import { oneReadOn, shownPage, type PageOptions, type Projection } from '@bti/read-models';
import type {
  ConsentView,
  EntryView,
  HistoryItem,
  LogPolicyView,
  MeasureView,
  StafettloggView,
} from './stafettlogg.view';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS stafettlogg_logs (
  log_id TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  municipality_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  concern_id TEXT NOT NULL,
  status TEXT NOT NULL,
  level INTEGER,
  stafettholder TEXT,
  pending_handover TEXT,
  samordningsansvar TEXT,
  rules TEXT,
  opened_at TEXT,
  closure TEXT,
  kept_from_guardians TEXT,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stafettlogg_logs_by_family ON stafettlogg_logs (family_id, log_id);
CREATE TABLE IF NOT EXISTS stafettlogg_read_grants (
  log_id TEXT NOT NULL, guardian_id TEXT NOT NULL, identity_subject TEXT NOT NULL,
  PRIMARY KEY (log_id, guardian_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stafettlogg_services (
  log_id TEXT NOT NULL, service_id TEXT NOT NULL, hidden INTEGER NOT NULL, joined_at TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (log_id, service_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stafettlogg_consents (
  log_id TEXT NOT NULL, consent_id TEXT NOT NULL, seq INTEGER NOT NULL, status TEXT NOT NULL,
  scope TEXT NOT NULL, requested_at TEXT NOT NULL, requested_by TEXT NOT NULL,
  given_by TEXT, form TEXT, valid_from TEXT, valid_until TEXT, answered_at TEXT, withdrawn_at TEXT,
  PRIMARY KEY (log_id, consent_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stafettlogg_entries (
  log_id TEXT NOT NULL, seq INTEGER NOT NULL, entry_id TEXT NOT NULL, kind TEXT NOT NULL,
  author_kind TEXT NOT NULL, author_id TEXT NOT NULL, service_id TEXT, category TEXT NOT NULL,
  shared INTEGER NOT NULL, corrects_entry_id TEXT, at TEXT NOT NULL, text TEXT,
  PRIMARY KEY (log_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stafettlogg_measures (
  log_id TEXT NOT NULL, measure_id TEXT NOT NULL, seq INTEGER NOT NULL, goal TEXT,
  responsible TEXT NOT NULL, start_date TEXT NOT NULL, evaluation_date TEXT, status TEXT NOT NULL,
  started_on TEXT, ended_on TEXT, initiative_id TEXT, catalogue_entry_id TEXT,
  evaluations TEXT NOT NULL,
  PRIMARY KEY (log_id, measure_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stafettlogg_history (
  log_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  service_id TEXT, consent_id TEXT, measure_id TEXT,
  PRIMARY KEY (log_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stafettlogg_meetings (
  log_id TEXT NOT NULL, meeting_id TEXT NOT NULL, starts_at TEXT NOT NULL, status TEXT NOT NULL,
  chair_service TEXT NOT NULL, invited_services TEXT NOT NULL,
  PRIMARY KEY (log_id, meeting_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stafettlogg_meetings_by_meeting ON stafettlogg_meetings (meeting_id);
CREATE TABLE IF NOT EXISTS stafettlogg_family_guardians (
  family_id TEXT NOT NULL, guardian_id TEXT NOT NULL, identity_subject TEXT NOT NULL,
  parental_responsibility INTEGER NOT NULL,
  PRIMARY KEY (family_id, guardian_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stafettlogg_family_subjects (
  family_id TEXT NOT NULL, subject_id TEXT NOT NULL, identity_subject TEXT, birth_date TEXT,
  PRIMARY KEY (family_id, subject_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stafettlogg_municipality_consent_ages (
  municipality_id TEXT PRIMARY KEY, consent_age INTEGER NOT NULL
) WITHOUT ROWID;
`;

const TABLES = [
  'stafettlogg_logs',
  'stafettlogg_services',
  'stafettlogg_consents',
  'stafettlogg_entries',
  'stafettlogg_measures',
  'stafettlogg_history',
  'stafettlogg_meetings',
  'stafettlogg_family_guardians',
  'stafettlogg_family_subjects',
  'stafettlogg_read_grants',
  'stafettlogg_municipality_consent_ages',
] as const;

const json = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value);
const LOG_PREFIX = 'stafettlogg-';
const FAMILY_PREFIX = 'family-';
const MEETING_PREFIX = 'meeting-';
const MUNICIPALITY_PREFIX = 'municipality-';

/**
 * When a history item happened: the event's own time (`businessTimeOf` — the day, for a measure
 * started, evaluated or ended), or its command's time for the initiation, which records none.
 */
function atOf(event: AsRead<StafettloggEvent>, recorded: RecordedEvent): string {
  return businessTimeOf(event) ?? recorded.metadata.occurredAt;
}

/** The service that acted, for the history a reader may see. */
function serviceOf(event: AsRead<StafettloggEvent>): string | null {
  if (event.type === 'ServiceJoined' || event.type === 'EntryAdded') return event.data.serviceId;
  const data = event.data as Partial<
    Record<'by' | 'openedBy' | 'addedBy' | 'requestedBy', { serviceId: string }>
  >;
  return (data.by ?? data.openedBy ?? data.addedBy ?? data.requestedBy)?.serviceId ?? null;
}

function prepare(db: Database.Database) {
  const s = {
    insertLog: db.prepare(
      `INSERT INTO stafettlogg_logs (log_id, family_id, municipality_id, subject_id, concern_id, status, revision)
       VALUES (@logId, @familyId, @municipalityId, @subjectId, @concernId, 'awaiting_consent', @revision)`,
    ),
    revision: db.prepare('UPDATE stafettlogg_logs SET revision = ? WHERE log_id = ?'),
    opened: db.prepare(
      `UPDATE stafettlogg_logs SET status = 'open', level = ?, stafettholder = ?, rules = ?, opened_at = ?
       WHERE log_id = ?`,
    ),
    setColumn: (column: string) =>
      db.prepare(`UPDATE stafettlogg_logs SET ${column} = ? WHERE log_id = ?`),
    closed: db.prepare(
      `UPDATE stafettlogg_logs SET status = 'closed', pending_handover = NULL, closure = ? WHERE log_id = ?`,
    ),
    sharingChosen: db.prepare(
      'UPDATE stafettlogg_logs SET kept_from_guardians = ? WHERE log_id = ?',
    ),
    grantRead: db.prepare(
      `INSERT OR REPLACE INTO stafettlogg_read_grants (log_id, guardian_id, identity_subject)
       VALUES (?, ?, ?)`,
    ),
    revokeRead: db.prepare(
      'DELETE FROM stafettlogg_read_grants WHERE log_id = ? AND guardian_id = ?',
    ),
    reopened: db.prepare(
      `UPDATE stafettlogg_logs SET status = 'open', closure = NULL WHERE log_id = ?`,
    ),
    accepted: db.prepare(
      'UPDATE stafettlogg_logs SET stafettholder = ?, pending_handover = NULL WHERE log_id = ?',
    ),
    insertService: db.prepare(
      `INSERT OR IGNORE INTO stafettlogg_services (log_id, service_id, hidden, joined_at, seq) VALUES (?, ?, ?, ?, ?)`,
    ),
    insertConsent: db.prepare(
      `INSERT OR IGNORE INTO stafettlogg_consents (log_id, consent_id, seq, status, scope, requested_at, requested_by)
       VALUES (?, ?, ?, 'requested', ?, ?, ?)`,
    ),
    consentAnswered: db.prepare(
      `UPDATE stafettlogg_consents SET status = ?, given_by = ?, form = ?, valid_from = ?, valid_until = ?, answered_at = ?
       WHERE log_id = ? AND consent_id = ?`,
    ),
    consentRefused: db.prepare(
      `UPDATE stafettlogg_consents SET status = 'refused', given_by = ?, answered_at = ? WHERE log_id = ? AND consent_id = ?`,
    ),
    consentWithdrawn: db.prepare(
      `UPDATE stafettlogg_consents SET status = 'withdrawn', withdrawn_at = ? WHERE log_id = ? AND consent_id = ?`,
    ),
    consentRenewed: db.prepare(
      'UPDATE stafettlogg_consents SET valid_until = ? WHERE log_id = ? AND consent_id = ?',
    ),
    insertEntry: db.prepare(
      `INSERT OR IGNORE INTO stafettlogg_entries
       (log_id, seq, entry_id, kind, author_kind, author_id, service_id, category, shared, corrects_entry_id, at, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertMeasure: db.prepare(
      `INSERT OR IGNORE INTO stafettlogg_measures
       (log_id, measure_id, seq, goal, responsible, start_date, evaluation_date, status, initiative_id, catalogue_entry_id, evaluations)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?, '[]')`,
    ),
    measureStarted: db.prepare(
      `UPDATE stafettlogg_measures SET status = 'started', started_on = ? WHERE log_id = ? AND measure_id = ?`,
    ),
    measureEvaluated: db.prepare(
      `UPDATE stafettlogg_measures SET evaluation_date = ?, evaluations = json_insert(evaluations, '$[#]', json(?))
       WHERE log_id = ? AND measure_id = ?`,
    ),
    measureEnded: db.prepare(
      `UPDATE stafettlogg_measures SET status = 'ended', ended_on = ?, evaluation_date = NULL WHERE log_id = ? AND measure_id = ?`,
    ),
    insertHistory: db.prepare(
      `INSERT OR IGNORE INTO stafettlogg_history (log_id, seq, type, at, service_id, consent_id, measure_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertGuardian: db.prepare(
      `INSERT OR REPLACE INTO stafettlogg_family_guardians (family_id, guardian_id, identity_subject, parental_responsibility)
       VALUES (?, ?, ?, ?)`,
    ),
    insertSubject: db.prepare(
      `INSERT OR REPLACE INTO stafettlogg_family_subjects (family_id, subject_id, identity_subject, birth_date)
       VALUES (?, ?, ?, ?)`,
    ),
    municipalityConsentAge: db.prepare(
      `INSERT OR REPLACE INTO stafettlogg_municipality_consent_ages (municipality_id, consent_age)
       VALUES (?, ?)`,
    ),
    subjectBorn: db.prepare(
      'UPDATE stafettlogg_family_subjects SET birth_date = ? WHERE family_id = ? AND subject_id = ?',
    ),
    insertMeeting: db.prepare(
      `INSERT OR IGNORE INTO stafettlogg_meetings (log_id, meeting_id, starts_at, status, chair_service, invited_services)
       SELECT ?, ?, ?, 'scheduled', ?, ? FROM stafettlogg_logs WHERE log_id = ?`,
    ),
    meetingMoved: db.prepare('UPDATE stafettlogg_meetings SET starts_at = ? WHERE meeting_id = ?'),
    meetingStatus: db.prepare('UPDATE stafettlogg_meetings SET status = ? WHERE meeting_id = ?'),
    subjectLinked: db.prepare(
      'UPDATE stafettlogg_family_subjects SET identity_subject = ? WHERE family_id = ? AND subject_id = ?',
    ),
  };
  const pendingHandover = s.setColumn('pending_handover');
  const samordningsansvar = s.setColumn('samordningsansvar');
  const level = s.setColumn('level');
  const rules = s.setColumn('rules');

  function applyFamily(familyId: string, event: AsRead<FamilyEvent>): void {
    switch (event.type) {
      case 'GuardianAdded':
        s.insertGuardian.run(
          familyId,
          event.data.guardianId,
          event.data.identitySubject,
          Number(event.data.parentalResponsibility),
        );
        return;
      case 'SubjectAdded':
        s.insertSubject.run(
          familyId,
          event.data.subjectId,
          event.data.identitySubject,
          event.data.personal.birthDate,
        );
        return;
      case 'ChildBorn':
        s.subjectBorn.run(event.data.personal.birthDate, familyId, event.data.subjectId);
        return;
      case 'SubjectIdentityLinked':
        s.subjectLinked.run(event.data.identitySubject, familyId, event.data.subjectId);
        return;
      case 'FamilyRegistered':
        return;
    }
  }

  /**
   * The consent age of the municipality's handlingsveileder now: a log awaiting its first consent
   * goes by it (`consentAgeOf`), as the commands on that log do.
   */
  function applyMunicipality(municipalityId: string, event: AsRead<MunicipalityEvent>): void {
    if (event.type === 'MunicipalityEnrolled')
      s.municipalityConsentAge.run(municipalityId, event.data.handlingsveileder.consentAge);
    else if (event.type === 'HandlingsveilederConfigured')
      s.municipalityConsentAge.run(municipalityId, event.data.consentAge);
  }

  /** When the log's next meetings are and who is invited: the view's "next meeting". */
  function applyMeeting(meetingId: string, event: AsRead<MeetingEvent>): void {
    switch (event.type) {
      case 'MeetingScheduled': {
        const d = event.data;
        for (const logId of d.logIds)
          s.insertMeeting.run(
            logId,
            meetingId,
            d.startsAt,
            d.chair.serviceId,
            json(d.invitedServices),
            logId,
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
      default:
        return;
    }
  }

  function applyLog(
    logId: string,
    seq: number,
    event: AsRead<StafettloggEvent>,
    recorded: RecordedEvent,
  ): void {
    if (event.type === 'StafettloggInitiated') {
      const { initiatedBy: _by, ...log } = event.data;
      s.insertLog.run({ ...log, revision: seq });
    } else {
      s.revision.run(seq, logId);
    }
    // An entry's history item is made from its own row when a view is read (`historyWith`).
    if (event.type !== 'EntryAdded') {
      const consentId = 'consentId' in event.data ? event.data.consentId : null;
      const measureId = 'measureId' in event.data ? event.data.measureId : null;
      s.insertHistory.run(
        logId,
        seq,
        event.type,
        atOf(event, recorded),
        serviceOf(event),
        consentId,
        measureId,
      );
    }
    switch (event.type) {
      case 'StafettloggInitiated':
        return;
      case 'ConsentRequested': {
        const d = event.data;
        s.insertConsent.run(
          logId,
          d.consentId,
          seq,
          json({ ...d.scope, purpose: d.personal.purpose }),
          d.requestedAt,
          json(d.requestedBy),
        );
        return;
      }
      case 'ConsentGiven': {
        const d = event.data;
        s.consentAnswered.run(
          'given',
          json(d.givenBy),
          d.form.kind,
          d.validFrom,
          d.validUntil,
          d.at,
          logId,
          d.consentId,
        );
        return;
      }
      case 'ConsentRefused':
        s.consentRefused.run(
          json(event.data.refusedBy),
          event.data.at,
          logId,
          event.data.consentId,
        );
        return;
      case 'ConsentWithdrawn':
        s.consentWithdrawn.run(event.data.at, logId, event.data.consentId);
        return;
      case 'ConsentRenewed':
        s.consentRenewed.run(event.data.validUntil, logId, event.data.consentId);
        return;
      case 'StafettloggOpened': {
        const d = event.data;
        s.opened.run(d.level, json(d.stafettholder), json(d.rules), d.openedAt, logId);
        return;
      }
      case 'ServiceJoined':
        s.insertService.run(
          logId,
          event.data.serviceId,
          Number(event.data.hidden),
          event.data.at,
          seq,
        );
        return;
      case 'EntryAdded': {
        const d = event.data;
        s.insertEntry.run(
          logId,
          seq,
          d.entryId,
          d.kind,
          d.author.kind,
          logActorId(d.author),
          d.serviceId,
          d.category,
          Number(d.sharedWithGuardians),
          d.correctsEntryId,
          d.at,
          d.personal.text,
        );
        return;
      }
      case 'MeasurePlanned': {
        const d = event.data;
        s.insertMeasure.run(
          logId,
          d.measureId,
          seq,
          d.personal.goal,
          json(d.responsible),
          d.startDate,
          d.evaluationDate,
          d.initiativeId,
          d.catalogueEntryId,
        );
        return;
      }
      case 'MeasureStarted':
        s.measureStarted.run(event.data.startedOn, logId, event.data.measureId);
        return;
      case 'MeasureEvaluated': {
        const d = event.data;
        const evaluation = {
          evaluatedOn: d.evaluatedOn,
          goalAttainment: d.goalAttainment,
          decision: d.decision,
          onTime: d.onTime,
          familyView: d.personal.familyView,
        };
        s.measureEvaluated.run(
          d.nextEvaluationDate,
          JSON.stringify(evaluation),
          logId,
          d.measureId,
        );
        return;
      }
      case 'MeasureEnded':
        s.measureEnded.run(event.data.endedOn, logId, event.data.measureId);
        return;
      case 'StafettholderHandoverOffered':
        pendingHandover.run(json(event.data.to), logId);
        return;
      case 'StafettholderHandoverAccepted':
        s.accepted.run(json(event.data.stafettholder), logId);
        return;
      case 'StafettholderHandoverDeclined':
        pendingHandover.run(null, logId);
        return;
      case 'SamordningsansvarAssigned':
        samordningsansvar.run(event.data.serviceId, logId);
        return;
      case 'LevelChanged':
        level.run(event.data.to, logId);
        return;
      case 'RulesMovedOn':
        rules.run(json(event.data.rules), logId);
        return;
      case 'StafettloggClosed': {
        const d = event.data;
        s.closed.run(
          json({
            reason: d.reason,
            at: d.at,
            familyEvaluation: d.familyEvaluation && {
              ...d.familyEvaluation,
              comment: d.personal.familyComment,
            },
          }),
          logId,
        );
        return;
      }
      case 'StafettloggReopened':
        s.reopened.run(logId);
        return;
      case 'GuardianSharingChosen':
        s.sharingChosen.run(json(event.data.keptFromGuardians), logId);
        return;
      case 'GuardianReadAccessGranted':
        s.grantRead.run(logId, event.data.guardianId, event.data.identitySubject);
        return;
      case 'GuardianReadAccessRevoked':
        s.revokeRead.run(logId, event.data.guardianId);
        return;
    }
  }

  return (recorded: RecordedEvent) => {
    if (recorded.stream.startsWith(FAMILY_PREFIX)) {
      applyFamily(recorded.stream.slice(FAMILY_PREFIX.length), asReadEvent<FamilyEvent>(recorded));
    } else if (recorded.stream.startsWith(MUNICIPALITY_PREFIX)) {
      applyMunicipality(
        recorded.stream.slice(MUNICIPALITY_PREFIX.length),
        asReadEvent<MunicipalityEvent>(recorded),
      );
    } else if (recorded.stream.startsWith(MEETING_PREFIX)) {
      applyMeeting(
        recorded.stream.slice(MEETING_PREFIX.length),
        asReadEvent<MeetingEvent>(recorded),
      );
    } else {
      applyLog(
        recorded.stream.slice(LOG_PREFIX.length),
        Number(recorded.revision),
        asReadEvent<StafettloggEvent>(recorded),
        recorded,
      );
    }
  };
}

/**
 * The stafettlogg as its readers see it: a row per log, and rows per service, consent, entry,
 * measure and history item, so an event is a few row writes whatever the log's length. It keeps its
 * own copy of the family facts the visibility policy needs (guardians' sign-ins, the subject's birth
 * date and sign-in) from the family events, so it reads no other context's tables.
 */
export const stafettloggProjection: Projection = {
  name: 'stafettlogger',
  version: 14,
  tables: TABLES,
  schema: SCHEMA,
  filter: { streamPrefixes: [LOG_PREFIX, FAMILY_PREFIX, MEETING_PREFIX, MUNICIPALITY_PREFIX] },
  prepare,
};

type PolicyRow = Pick<
  LogRow,
  | 'family_id'
  | 'subject_id'
  | 'municipality_id'
  | 'status'
  | 'rules'
  | 'kept_from_guardians'
  | 'consent_age'
>;

/**
 * The consent age the log goes by (`consentAgeOf`): its own rules', or while it awaits its first
 * consent the municipality's handlingsveileder's now, as the commands on it decide.
 */
const CONSENT_AGE = `CASE WHEN l.status = 'awaiting_consent'
  THEN (SELECT m.consent_age FROM stafettlogg_municipality_consent_ages m WHERE m.municipality_id = l.municipality_id)
  ELSE json_extract(l.rules, '$.consentAge') END AS consent_age`;

interface LogRow {
  log_id: string;
  family_id: string;
  municipality_id: string;
  subject_id: string;
  concern_id: string;
  status: StafettloggView['status'];
  level: StafettloggView['level'];
  stafettholder: string | null;
  pending_handover: string | null;
  samordningsansvar: string | null;
  rules: string | null;
  opened_at: string | null;
  closure: string | null;
  kept_from_guardians: string | null;
  revision: number;
  /** Not a column: `CONSENT_AGE`; null when the municipality's is not known (the default then). */
  consent_age: number | null;
}

const parse = <T>(value: string | null): T | null =>
  value === null ? null : (JSON.parse(value) as T);

/**
 * An entry as its columns come back (in ENTRY_COLUMNS' order). Entries and history are read as arrays,
 * not objects: a long log's page is hundreds of rows, and naming each row's fields costs a guardian's
 * read of it about a third of its time.
 */
type EntryRow = [
  seq: number,
  entryId: string,
  kind: EntryView['kind'],
  authorKind: EntryView['authorKind'],
  authorId: string,
  serviceId: string | null,
  category: EntryView['category'],
  shared: number,
  correctsEntryId: string | null,
  at: string,
  text: string,
];
const ENTRY_COLUMNS =
  'seq, entry_id, kind, author_kind, author_id, service_id, category, shared, corrects_entry_id, at, text';

const toEntryView = ([
  ,
  entryId,
  kind,
  authorKind,
  authorId,
  serviceId,
  category,
  shared,
  correctsEntryId,
  at,
  text,
]: EntryRow): EntryView => ({
  entryId,
  kind,
  authorKind,
  authorId,
  serviceId,
  category,
  sharedWithGuardians: shared === 1,
  correctsEntryId,
  at,
  text,
});

/** Entries a log view carries by default: the newest page. */
export const ENTRY_PAGE = 100;
/** History items a log view carries: the newest, for the reader's last activity. */
const HISTORY_PAGE = 300;

/** A history item of an event other than an entry, as its columns come back (HISTORY_COLUMNS). */
type HistoryRow = [
  type: string,
  at: string,
  serviceId: string | null,
  consentId: string | null,
  seq: number,
  measureId: string | null,
];
const HISTORY_COLUMNS = 'type, at, service_id, consent_id, seq, measure_id';

export interface EntryPage {
  /** Only entries before this one: the `olderEntries` cursor of a view, an entry's id. */
  readonly entriesBefore?: string;
  readonly entriesLimit?: number;
  /**
   * The reader's filter, made from the log's facts before any entry is read: a page holds only the
   * entries it shows, so neither the page's size nor its cursor tells of the others.
   */
  readonly shownTo?: EntryFilterFor;
}

export type EntryFilterFor = (
  log: LogPolicyView,
  family: LogFamilyFacts | null,
) => (entry: EntryView) => boolean;

/** `entriesBefore` named no entry of this log that the reader sees. */
export class UnknownEntryCursor extends Error {
  constructor() {
    super('entriesBefore is not an entry of this log you may see');
  }
}

/** The queries over the stafettlogg's own tables. */
export class StafettloggReadModel {
  private readonly statements;
  /** Runs a read of several of these queries (and others on the same file) as one snapshot. */
  readonly together: <T>(read: () => T) => T;

  constructor(db: Database.Database) {
    this.together = oneReadOn(db);
    this.statements = {
      log: db.prepare<[string], LogRow>(
        `SELECT l.*, ${CONSENT_AGE} FROM stafettlogg_logs l WHERE l.log_id = ?`,
      ),
      policy: db.prepare<[string], PolicyRow>(
        `SELECT l.family_id, l.subject_id, l.municipality_id, l.status, l.rules, l.kept_from_guardians,
           ${CONSENT_AGE}
         FROM stafettlogg_logs l WHERE l.log_id = ?`,
      ),
      byFamily: db.prepare<[string, string, number], LogRow>(
        `SELECT l.*, ${CONSENT_AGE} FROM stafettlogg_logs l
         WHERE l.family_id = ? AND l.log_id > ? ORDER BY l.log_id LIMIT ?`,
      ),
      services: db.prepare<[string], { service_id: string; hidden: number; joined_at: string }>(
        'SELECT service_id, hidden, joined_at FROM stafettlogg_services WHERE log_id = ? ORDER BY seq',
      ),
      consents: db.prepare<[string], Record<string, string | null> & { seq: number }>(
        'SELECT * FROM stafettlogg_consents WHERE log_id = ? ORDER BY seq',
      ),
      entries: db
        .prepare<[string, number, number], EntryRow>(
          `SELECT ${ENTRY_COLUMNS} FROM stafettlogg_entries WHERE log_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
        )
        .raw(),
      // A page's cursor only, so the log's own entries are scanned rather than an index kept.
      entry: db
        .prepare<[string, string], EntryRow>(
          `SELECT ${ENTRY_COLUMNS} FROM stafettlogg_entries WHERE log_id = ? AND entry_id = ?`,
        )
        .raw(),
      allEntries: db
        .prepare<[string], EntryRow>(
          `SELECT ${ENTRY_COLUMNS} FROM stafettlogg_entries WHERE log_id = ? ORDER BY seq`,
        )
        .raw(),
      measures: db.prepare<[string], Record<string, string | null>>(
        'SELECT * FROM stafettlogg_measures WHERE log_id = ? ORDER BY seq',
      ),
      readGrants: db.prepare<[string], { guardian_id: string; identity_subject: string }>(
        'SELECT guardian_id, identity_subject FROM stafettlogg_read_grants WHERE log_id = ? ORDER BY guardian_id',
      ),
      latestHistory: db
        .prepare<[string, number], HistoryRow>(
          `SELECT ${HISTORY_COLUMNS} FROM stafettlogg_history WHERE log_id = ? ORDER BY seq DESC LIMIT ?`,
        )
        .raw(),
      allHistory: db
        .prepare<[string], HistoryRow>(
          `SELECT ${HISTORY_COLUMNS} FROM stafettlogg_history WHERE log_id = ? ORDER BY seq`,
        )
        .raw(),
      meetings: db.prepare<
        [string],
        { meeting_id: string; starts_at: string; chair_service: string; invited_services: string }
      >(
        `SELECT meeting_id, starts_at, chair_service, invited_services FROM stafettlogg_meetings
         WHERE log_id = ? AND status = 'scheduled' ORDER BY starts_at, meeting_id`,
      ),
      guardians: db.prepare<
        [string],
        { guardian_id: string; identity_subject: string; parental_responsibility: number }
      >(
        'SELECT guardian_id, identity_subject, parental_responsibility FROM stafettlogg_family_guardians WHERE family_id = ? ORDER BY guardian_id',
      ),
      subject: db.prepare<
        [string, string],
        { identity_subject: string | null; birth_date: string | null }
      >(
        'SELECT identity_subject, birth_date FROM stafettlogg_family_subjects WHERE family_id = ? AND subject_id = ?',
      ),
    };
  }

  /**
   * The log before the visibility policy filters it for a reader: its latest entries (a page of
   * `entriesLimit` before `entriesBefore`, the newest by default) and its latest history, so reading
   * a long log costs what one page costs.
   */
  log(logId: string, page: EntryPage = {}): StafettloggView | null {
    const row = this.statements.log.get(logId);
    return row ? this.assemble(row, page) : null;
  }

  /**
   * The log (a page of its entries, or `whole`: every entry and its whole history, oldest first, as
   * the archive package hands it over) with its family's facts, as the policy needs them to filter it
   * for a reader: read as one snapshot.
   */
  logWithFamily(
    logId: string,
    page: EntryPage | 'whole' = {},
  ): { view: StafettloggView | null; family: LogFamilyFacts | null } {
    return this.together(() => {
      const row = this.statements.log.get(logId);
      if (!row) return { view: null, family: null };
      const family = this.familyFacts(row.family_id, row.subject_id);
      return { view: this.assemble(row, page, family), family };
    });
  }

  /**
   * A family's logs, a page at a time, in id order: each with its latest entries and history, or
   * (`whole`) with all of them, as `logWithFamily` reads one. `shown` makes each the reader's item,
   * or null for a log not theirs to see: the page and its cursor count only the shown.
   */
  logsOfFamily<Item = StafettloggView>(
    familyId: string,
    page: PageOptions,
    entries: 'latest' | 'whole' = 'latest',
    shown: (view: StafettloggView) => Item | null = (view) => view as Item,
  ): { views: Item[]; nextCursor: string | null } {
    const { items, nextCursor } = shownPage(
      (after, count) => this.statements.byFamily.all(familyId, after, count),
      (row) => row.log_id,
      (row) => shown(this.assemble(row, entries === 'whole' ? 'whole' : {})),
      page,
    );
    return { views: items, nextCursor };
  }

  /** What the policy needs to know of the log's family, from this read model's own copy. */
  familyFacts(familyId: string, subjectId: string): LogFamilyFacts | null {
    const guardians = this.statements.guardians.all(familyId);
    const subject = this.statements.subject.get(familyId, subjectId);
    if (guardians.length === 0 && !subject) return null;
    return {
      guardians: guardians.map((g) => ({
        guardianId: g.guardian_id,
        identitySubject: g.identity_subject,
        parentalResponsibility: g.parental_responsibility === 1,
      })),
      subject: subject
        ? { identitySubject: subject.identity_subject, birthDate: subject.birth_date }
        : null,
    };
  }

  /**
   * What the visibility policy needs of a log — who takes part, its consents, its rules — without its
   * entries: cheap enough for a reader that decides item by item (the family timeline).
   */
  policyView(logId: string): LogPolicyView | null {
    const row = this.statements.policy.get(logId);
    return row ? this.policyOf(logId, row) : null;
  }

  /** The facts of a log's row and tables that the visibility policy decides on. */
  private policyOf(logId: string, row: PolicyRow): LogPolicyView {
    return {
      logId,
      familyId: row.family_id,
      subjectId: row.subject_id,
      municipalityId: row.municipality_id,
      status: row.status,
      rules: parse(row.rules),
      consentAge: row.consent_age ?? DEFAULT_HANDLINGSVEILEDER.consentAge,
      services: this.servicesOf(logId),
      consents: this.consentsOf(logId),
      readGrants: this.readGrantsOf(logId),
      keptFromGuardians: parse<InformationCategory[]>(row.kept_from_guardians) ?? [],
    };
  }

  private readGrantsOf(logId: string): StafettloggView['readGrants'] {
    return this.statements.readGrants.all(logId).map((g) => ({
      guardianId: g.guardian_id,
      identitySubject: g.identity_subject,
    }));
  }

  private servicesOf(logId: string): StafettloggView['services'] {
    return this.statements.services.all(logId).map((s) => ({
      serviceId: s.service_id,
      hidden: s.hidden === 1,
      joinedAt: s.joined_at,
    }));
  }

  private consentsOf(id: string): ConsentView[] {
    return this.statements.consents.all(id).map((c) => ({
      consentId: c.consent_id as string,
      status: c.status as ConsentView['status'],
      scope: JSON.parse(c.scope as string) as ConsentView['scope'],
      requestedAt: c.requested_at as string,
      requestedBy: JSON.parse(c.requested_by as string) as ConsentView['requestedBy'],
      givenBy: parse(c.given_by),
      form: c.form as ConsentView['form'],
      validFrom: c.valid_from,
      validUntil: c.valid_until,
      answeredAt: c.answered_at,
      withdrawnAt: c.withdrawn_at,
    }));
  }

  /**
   * The latest entries (a page of `entriesLimit` before `entriesBefore`) as rows, oldest first, and
   * the cursor to older ones.
   */
  private entryPage(
    logId: string,
    page: EntryPage,
    shows: (entry: EntryView) => boolean,
  ): { rows: EntryRow[]; olderEntries: string | null } {
    const limit = Math.max(1, Math.min(page.entriesLimit ?? ENTRY_PAGE, 500));
    let before = Number.MAX_SAFE_INTEGER;
    if (page.entriesBefore !== undefined) {
      const cursor = this.statements.entry.get(logId, page.entriesBefore);
      if (!cursor || !shows(toEntryView(cursor))) throw new UnknownEntryCursor();
      before = cursor[0];
    }
    // Newest first, a chunk at a time, until one more shown entry than the page holds.
    const newestFirst: EntryRow[] = [];
    const chunk = Math.max(limit + 1, 64);
    for (;;) {
      const rows = this.statements.entries.all(logId, before, chunk);
      for (const row of rows) {
        before = row[0];
        if (shows(toEntryView(row))) newestFirst.push(row);
        if (newestFirst.length > limit) break;
      }
      if (newestFirst.length > limit || rows.length < chunk) break;
    }
    const rows = newestFirst.slice(0, limit).reverse();
    return { rows, olderEntries: newestFirst.length > limit ? rows[0][1] : null };
  }

  /**
   * The history a view carries, oldest first: the log's other events (`others`, oldest first) with
   * an item for each of its entries (`entryRows`, oldest first), made from the entry's row — its
   * type, time and service, and no consent. A page of entries goes with the items about its own
   * entries only (a reader sees the history of the entries they see, and no other), up to the
   * newest `limit`.
   */
  private historyWith(
    others: readonly HistoryRow[],
    entryRows: readonly EntryRow[],
    limit = Number.MAX_SAFE_INTEGER,
  ): HistoryItem[] {
    const newestFirst: HistoryItem[] = [];
    let o = others.length - 1;
    let e = entryRows.length - 1;
    while (newestFirst.length < limit && (o >= 0 || e >= 0)) {
      if (e >= 0 && (o < 0 || entryRows[e][0] > others[o][4])) {
        const [, entryId, , , , serviceId, , , , at] = entryRows[e--];
        newestFirst.push({
          type: 'EntryAdded',
          at,
          serviceId,
          consentId: null,
          entryId,
          measureId: null,
        });
      } else {
        const [type, at, serviceId, consentId, , measureId] = others[o--];
        newestFirst.push({ type, at, serviceId, consentId, entryId: null, measureId });
      }
    }
    return newestFirst.reverse();
  }

  /** A page of the log's entries with its latest history, or (`whole`) all of both. */
  private assemble(
    row: LogRow,
    page: EntryPage | 'whole' = {},
    family: LogFamilyFacts | null = null,
  ): StafettloggView {
    const id = row.log_id;
    const policyView = this.policyOf(id, row);
    const { consents, services, readGrants, keptFromGuardians } = policyView;
    const { rows: entryRows, olderEntries } =
      page === 'whole'
        ? { rows: this.statements.allEntries.all(id), olderEntries: null }
        : this.entryPage(id, page, page.shownTo?.(policyView, family) ?? (() => true));
    const entries = entryRows.map(toEntryView);
    const measures: MeasureView[] = this.statements.measures.all(id).map((m) => ({
      measureId: m.measure_id as string,
      goal: m.goal as string,
      responsible: JSON.parse(m.responsible as string) as MeasureView['responsible'],
      startDate: m.start_date as string,
      evaluationDate: m.evaluation_date,
      status: m.status as MeasureView['status'],
      startedOn: m.started_on,
      endedOn: m.ended_on,
      initiativeId: m.initiative_id,
      catalogueEntryId: m.catalogue_entry_id,
      evaluations: JSON.parse(m.evaluations as string) as MeasureView['evaluations'],
    }));
    const history =
      page === 'whole'
        ? this.historyWith(this.statements.allHistory.all(id), entryRows)
        : this.historyWith(
            this.statements.latestHistory.all(id, HISTORY_PAGE).reverse(),
            entryRows,
            HISTORY_PAGE,
          );
    return {
      logId: id,
      concernId: row.concern_id,
      familyId: row.family_id,
      subjectId: row.subject_id,
      municipalityId: row.municipality_id,
      status: row.status,
      level: row.level,
      stafettholder: parse(row.stafettholder),
      pendingHandover: parse(row.pending_handover),
      samordningsansvar: row.samordningsansvar,
      rules: policyView.rules,
      consentAge: policyView.consentAge,
      openedAt: row.opened_at,
      closure: parse(row.closure),
      keptFromGuardians,
      services,
      consents,
      entries,
      olderEntries,
      measures,
      history,
      scheduledMeetings: this.statements.meetings.all(id).map((m) => ({
        meetingId: m.meeting_id,
        startsAt: m.starts_at,
        chairServiceId: m.chair_service,
        invitedServices: JSON.parse(m.invited_services) as string[],
      })),
      lastActivityAt: history.reduce((last, h) => (h.at > last ? h.at : last), ''),
      readGrants,
      revision: String(row.revision),
    };
  }
}
