import type Database from 'better-sqlite3';
import type { ConcernEvent, FamilyEvent, MeetingEvent, StafettloggEvent } from '@bti/domain';
import { asReadEvent, type RecordedEvent } from '@bti/event-store';
import type { Projection } from '@bti/read-models';
import { concernItem, logItem, meetingItem, type TimelineItemRow } from './timeline.items';

/** The projection's name: timeline and start-page queries wait for it. */
export const TIMELINE = 'timeline';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS timeline_items (
  family_id TEXT NOT NULL, at TEXT NOT NULL, position INTEGER NOT NULL,
  municipality_id TEXT NOT NULL, subject_id TEXT, log_id TEXT, meeting_id TEXT, concern_id TEXT,
  kind TEXT NOT NULL, type TEXT NOT NULL, service_id TEXT, category TEXT, shared INTEGER NOT NULL,
  consent_id TEXT, details TEXT NOT NULL,
  PRIMARY KEY (family_id, at, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS timeline_items_by_subject
  ON timeline_items (family_id, subject_id, at, position);
CREATE TABLE IF NOT EXISTS timeline_sources (
  stream TEXT PRIMARY KEY, family_id TEXT NOT NULL, municipality_id TEXT NOT NULL,
  subject_id TEXT, service_id TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS timeline_measures (
  log_id TEXT NOT NULL, measure_id TEXT NOT NULL, service_id TEXT NOT NULL,
  PRIMARY KEY (log_id, measure_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS timeline_members (
  identity_subject TEXT NOT NULL, family_id TEXT NOT NULL, person_id TEXT NOT NULL,
  role TEXT NOT NULL, parental_responsibility INTEGER NOT NULL,
  PRIMARY KEY (identity_subject, family_id, person_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS timeline_members_by_family ON timeline_members (family_id);
CREATE TABLE IF NOT EXISTS timeline_families (
  family_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL
) WITHOUT ROWID;
`;

interface Source {
  family_id: string;
  municipality_id: string;
  subject_id: string | null;
  service_id: string | null;
}

const suffix = (stream: string, prefix: string) => stream.slice(prefix.length);

function prepare(db: Database.Database) {
  const s = {
    insertItem: db.prepare(
      `INSERT OR IGNORE INTO timeline_items (family_id, at, position, municipality_id, subject_id, log_id,
         meeting_id, concern_id, kind, type, service_id, category, shared, consent_id, details)
       VALUES (@familyId, @at, @position, @municipalityId, @subjectId, @logId, @meetingId, @concernId,
         @kind, @type, @serviceId, @category, @shared, @consentId, @details)`,
    ),
    source: db.prepare<[string], Source>(
      'SELECT family_id, municipality_id, subject_id, service_id FROM timeline_sources WHERE stream = ?',
    ),
    putSource: db.prepare(
      `INSERT OR REPLACE INTO timeline_sources (stream, family_id, municipality_id, subject_id, service_id)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    measureService: db.prepare<[string, string], { service_id: string }>(
      'SELECT service_id FROM timeline_measures WHERE log_id = ? AND measure_id = ?',
    ),
    putMeasure: db.prepare(
      'INSERT OR REPLACE INTO timeline_measures (log_id, measure_id, service_id) VALUES (?, ?, ?)',
    ),
    putFamily: db.prepare(
      'INSERT OR REPLACE INTO timeline_families (family_id, municipality_id) VALUES (?, ?)',
    ),
    putMember: db.prepare(
      `INSERT OR REPLACE INTO timeline_members (identity_subject, family_id, person_id, role, parental_responsibility)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    removeSubjectMember: db.prepare(
      `DELETE FROM timeline_members WHERE family_id = ? AND person_id = ? AND role = 'youth'`,
    ),
  };

  const insert = (
    row: TimelineItemRow,
    event: RecordedEvent,
    source: Source,
    ids: { logId?: string; meetingId?: string; concernId?: string; subjectId?: string | null },
  ) =>
    s.insertItem.run({
      familyId: source.family_id,
      at: row.at || event.metadata.occurredAt,
      position: event.position,
      municipalityId: source.municipality_id,
      subjectId: ids.subjectId === undefined ? source.subject_id : ids.subjectId,
      logId: ids.logId ?? null,
      meetingId: ids.meetingId ?? null,
      concernId: ids.concernId ?? null,
      kind: row.kind,
      type: row.type,
      serviceId: row.serviceId,
      category: row.category,
      shared: row.sharedWithGuardians ? 1 : 0,
      consentId: row.consentId,
      details: JSON.stringify(row.details),
    });

  const family = (event: RecordedEvent) => {
    const familyId = suffix(event.stream, 'family-');
    const domain = asReadEvent<FamilyEvent>(event);
    switch (domain.type) {
      case 'FamilyRegistered':
        s.putFamily.run(familyId, domain.data.municipalityId);
        return;
      case 'GuardianAdded':
        s.putMember.run(
          domain.data.identitySubject,
          familyId,
          domain.data.guardianId,
          'guardian',
          domain.data.parentalResponsibility ? 1 : 0,
        );
        return;
      case 'SubjectAdded':
        if (domain.data.identitySubject)
          s.putMember.run(domain.data.identitySubject, familyId, domain.data.subjectId, 'youth', 0);
        return;
      case 'SubjectIdentityLinked':
        s.removeSubjectMember.run(familyId, domain.data.subjectId);
        s.putMember.run(domain.data.identitySubject, familyId, domain.data.subjectId, 'youth', 0);
        return;
      default:
        return;
    }
  };

  const concern = (event: RecordedEvent) => {
    const domain = asReadEvent<ConcernEvent>(event);
    const concernId = suffix(event.stream, 'concern-');
    let source = s.source.get(event.stream);
    if (domain.type === 'ConcernNoted') {
      const { familyId, municipalityId, subjectId, serviceId } = domain.data;
      s.putSource.run(event.stream, familyId, municipalityId, subjectId, serviceId);
      source = {
        family_id: familyId,
        municipality_id: municipalityId,
        subject_id: subjectId,
        service_id: serviceId,
      };
    }
    if (!source?.service_id) return;
    insert(concernItem(domain, source.service_id), event, source, { concernId });
  };

  const log = (event: RecordedEvent) => {
    const domain = asReadEvent<StafettloggEvent>(event);
    const logId = suffix(event.stream, 'stafettlogg-');
    if (domain.type === 'StafettloggInitiated') {
      const { familyId, municipalityId, subjectId } = domain.data;
      s.putSource.run(event.stream, familyId, municipalityId, subjectId, null);
    }
    if (domain.type === 'MeasurePlanned')
      s.putMeasure.run(logId, domain.data.measureId, domain.data.responsible.serviceId);
    const source = s.source.get(event.stream);
    if (!source) return;
    const row = logItem(
      domain,
      (measureId) => s.measureService.get(logId, measureId)?.service_id ?? null,
    );
    if (row) insert(row, event, source, { logId });
  };

  const meeting = (event: RecordedEvent) => {
    const domain = asReadEvent<MeetingEvent>(event);
    const meetingId = suffix(event.stream, 'meeting-');
    if (domain.type === 'MeetingScheduled') {
      const { familyId, municipalityId, logIds } = domain.data;
      // A meeting about one child's log belongs to that child; one about several, to the family.
      const only = logIds.length === 1 ? s.source.get(`stafettlogg-${logIds[0]}`) : undefined;
      s.putSource.run(event.stream, familyId, municipalityId, only?.subject_id ?? null, null);
    }
    const source = s.source.get(event.stream);
    if (!source) return;
    const row = meetingItem(domain);
    if (!row) return;
    const decidedFor =
      domain.type === 'MeetingDecisionRecorded' && 'logId' in domain.data.details
        ? s.source.get(`stafettlogg-${domain.data.details.logId}`)?.subject_id
        : undefined;
    insert(row, event, source, { meetingId, subjectId: decidedFor ?? source.subject_id });
  };

  return (event: RecordedEvent) => {
    if (event.stream.startsWith('family-')) family(event);
    else if (event.stream.startsWith('concern-')) concern(event);
    else if (event.stream.startsWith('stafettlogg-')) log(event);
    else if (event.stream.startsWith('meeting-')) meeting(event);
  };
}

/**
 * Every item of a family in time order, one row each, with what the visibility policy needs to decide
 * per reader; and who signs in as whom in which family, so a person's start page is found from their
 * sign-in and never from an id they send.
 */
export const timelineProjection: Projection = {
  name: TIMELINE,
  version: 2,
  tables: [
    'timeline_items',
    'timeline_sources',
    'timeline_measures',
    'timeline_members',
    'timeline_families',
  ],
  schema: SCHEMA,
  filter: { streamPrefixes: ['family-', 'concern-', 'stafettlogg-', 'meeting-'] },
  prepare,
};
