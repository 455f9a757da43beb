import type Database from 'better-sqlite3';
import {
  dayOf,
  type AccessLogEvent,
  type FamilyEvent,
  type MunicipalityEvent,
  type ReadTarget,
} from '@bti/domain';
import { asReadEvent, type AsRead, type RecordedEvent } from '@bti/event-store';
import { pageLimit, type PageOptions, type Projection } from '@bti/read-models';

export const ACCESS_LOG = 'access-log';

/** More distinct families than this read by one person in one day is flagged for the leaders. */
export const MANY_FAMILIES_A_DAY = 20;

export const ANOMALY_KINDS = [
  'READ_WITHOUT_ACTIVE_CONSENT',
  'READ_BY_NON_PARTICIPANT',
  'MANY_FAMILIES_IN_A_DAY',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS access_reads (
  family_id TEXT NOT NULL, position INTEGER NOT NULL, at TEXT NOT NULL, subject_id TEXT,
  target TEXT NOT NULL, target_id TEXT NOT NULL, reader_subject TEXT NOT NULL,
  reader_role TEXT NOT NULL, reader_service TEXT, municipality_id TEXT, consent_active INTEGER,
  participating INTEGER, reason_code TEXT,
  PRIMARY KEY (family_id, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access_members (
  family_id TEXT NOT NULL, kind TEXT NOT NULL, member_id TEXT NOT NULL, identity_subject TEXT,
  parental_responsibility INTEGER NOT NULL,
  PRIMARY KEY (family_id, kind, member_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access_staff (
  municipality_id TEXT NOT NULL, staff_id TEXT NOT NULL, display_name TEXT NOT NULL,
  PRIMARY KEY (municipality_id, staff_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access_services (
  municipality_id TEXT NOT NULL, service_id TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (municipality_id, service_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access_reader_days (
  reader_subject TEXT NOT NULL, day TEXT NOT NULL, family_id TEXT NOT NULL,
  PRIMARY KEY (reader_subject, day, family_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access_anomalies (
  municipality_id TEXT NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL,
  family_id TEXT NOT NULL, target TEXT NOT NULL, target_id TEXT NOT NULL,
  reader_subject TEXT NOT NULL, reader_role TEXT NOT NULL, reader_service TEXT,
  PRIMARY KEY (municipality_id, position, kind)
) WITHOUT ROWID;
`;

const ACCESS_PREFIX = 'access-log-';
const FAMILY_PREFIX = 'family-';
const MUNICIPALITY_PREFIX = 'municipality-';

const flag = (value: boolean | null) => (value === null ? null : Number(value));

function prepare(db: Database.Database) {
  const s = {
    read: db.prepare(
      `INSERT OR IGNORE INTO access_reads (family_id, position, at, subject_id, target, target_id,
         reader_subject, reader_role, reader_service, municipality_id, consent_active, participating,
         reason_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    member: db.prepare(
      `INSERT INTO access_members (family_id, kind, member_id, identity_subject, parental_responsibility)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (family_id, kind, member_id) DO UPDATE SET
         identity_subject = excluded.identity_subject`,
    ),
    staff: db.prepare(
      `INSERT INTO access_staff (municipality_id, staff_id, display_name) VALUES (?, ?, ?)
       ON CONFLICT (municipality_id, staff_id) DO UPDATE SET display_name = excluded.display_name`,
    ),
    service: db.prepare(
      `INSERT INTO access_services (municipality_id, service_id, name) VALUES (?, ?, ?)
       ON CONFLICT (municipality_id, service_id) DO UPDATE SET name = excluded.name`,
    ),
    readerDay: db.prepare(
      'INSERT OR IGNORE INTO access_reader_days (reader_subject, day, family_id) VALUES (?, ?, ?)',
    ),
    familiesThatDay: db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM access_reader_days WHERE reader_subject = ? AND day = ?',
    ),
    anomaly: db.prepare(
      `INSERT OR IGNORE INTO access_anomalies (municipality_id, position, kind, at, family_id, target,
         target_id, reader_subject, reader_role, reader_service)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  const caseRead = (event: RecordedEvent, e: AccessLogEvent) => {
    const d = e.data;
    const position = Number(event.position);
    s.read.run(
      d.familyId,
      position,
      d.at,
      d.subjectId,
      d.target,
      d.targetId,
      d.reader.subject,
      d.reader.role,
      d.reader.serviceId,
      d.reader.municipalityId,
      flag(d.consentActive),
      flag(d.participating),
      d.reasonCode,
    );
    if (!d.reader.municipalityId) return;
    const anomalies: AnomalyKind[] = [];
    if (d.consentActive === false) anomalies.push('READ_WITHOUT_ACTIVE_CONSENT');
    if (d.participating === false) anomalies.push('READ_BY_NON_PARTICIPANT');
    const day = dayOf(d.at);
    const isNewFamily = s.readerDay.run(d.reader.subject, day, d.familyId).changes === 1;
    if (isNewFamily && (s.familiesThatDay.get(d.reader.subject, day)?.n ?? 0) > MANY_FAMILIES_A_DAY)
      anomalies.push('MANY_FAMILIES_IN_A_DAY');
    for (const kind of anomalies)
      s.anomaly.run(
        d.reader.municipalityId,
        position,
        kind,
        d.at,
        d.familyId,
        d.target,
        d.targetId,
        d.reader.subject,
        d.reader.role,
        d.reader.serviceId,
      );
  };

  const family = (familyId: string, e: AsRead<FamilyEvent>) => {
    if (e.type === 'GuardianAdded')
      s.member.run(
        familyId,
        'guardian',
        e.data.guardianId,
        e.data.identitySubject,
        Number(e.data.parentalResponsibility),
      );
    else if (e.type === 'SubjectAdded')
      s.member.run(familyId, 'subject', e.data.subjectId, e.data.identitySubject, 0);
    else if (e.type === 'SubjectIdentityLinked')
      s.member.run(familyId, 'subject', e.data.subjectId, e.data.identitySubject, 0);
  };

  const municipality = (municipalityId: string, e: MunicipalityEvent) => {
    if (e.type === 'StaffRegistered')
      s.staff.run(municipalityId, e.data.staffId, e.data.displayName);
    else if (e.type === 'ServiceRegistered')
      s.service.run(municipalityId, e.data.serviceId, e.data.name);
  };

  return (event: RecordedEvent) => {
    if (event.stream.startsWith(ACCESS_PREFIX)) caseRead(event, asReadEvent<AccessLogEvent>(event));
    else if (event.stream.startsWith(FAMILY_PREFIX))
      family(event.stream.slice(FAMILY_PREFIX.length), asReadEvent<FamilyEvent>(event));
    else if (event.stream.startsWith(MUNICIPALITY_PREFIX))
      municipality(
        event.stream.slice(MUNICIPALITY_PREFIX.length),
        asReadEvent<MunicipalityEvent>(event),
      );
  };
}

/** Every read of a family's case by someone outside it, per family and as anomalies per municipality. */
export const accessLogProjection: Projection = {
  name: ACCESS_LOG,
  version: 2,
  tables: [
    'access_reads',
    'access_members',
    'access_staff',
    'access_services',
    'access_reader_days',
    'access_anomalies',
  ],
  schema: SCHEMA,
  filter: { streamPrefixes: [ACCESS_PREFIX, FAMILY_PREFIX, MUNICIPALITY_PREFIX] },
  prepare,
};

export interface Reader {
  role: string;
  serviceId: string | null;
  serviceName: string | null;
  /** The person's name as the staff register has it. */
  name: string | null;
}

/** One line of "who has looked at my child's log". */
export interface AccessLogItem {
  at: string;
  target: ReadTarget;
  targetId: string;
  subjectId: string | null;
  reader: Reader;
}

export interface AccessAnomaly {
  kind: AnomalyKind;
  at: string;
  familyId: string;
  target: ReadTarget;
  targetId: string;
  reader: Reader & { subject: string };
}

export interface FamilyMember {
  kind: 'guardian' | 'subject';
  identitySubject: string;
  subjectId: string | null;
  parentalResponsibility: boolean;
}

interface ReaderRow {
  reader_subject: string;
  reader_role: string;
  reader_service: string | null;
  municipality_id: string | null;
  service_name: string | null;
  display_name: string | null;
}

const READER_JOINS = `
  LEFT JOIN access_services sv ON sv.municipality_id = r.municipality_id AND sv.service_id = r.reader_service
  LEFT JOIN access_staff st ON st.municipality_id = r.municipality_id AND st.staff_id = r.reader_subject`;

const reader = (row: ReaderRow): Reader => ({
  role: row.reader_role,
  serviceId: row.reader_service,
  serviceName: row.service_name,
  name: row.display_name,
});

/** Pages run newest first; the cursor is the log position of the last item on the page. */
const cursorOf = (after: string | undefined) =>
  after && /^\d{1,19}$/.test(after) ? Number(after) : Number.MAX_SAFE_INTEGER;

export class AccessLogReadModel {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      members: db.prepare<
        [string],
        {
          kind: 'guardian' | 'subject';
          member_id: string;
          identity_subject: string | null;
          parental_responsibility: number;
        }
      >('SELECT * FROM access_members WHERE family_id = ?'),
      reads: db.prepare<
        [string, number, string | null, string | null, number],
        ReaderRow & {
          position: number;
          at: string;
          target: ReadTarget;
          target_id: string;
          subject_id: string | null;
        }
      >(
        `SELECT r.*, sv.name AS service_name, st.display_name FROM access_reads r ${READER_JOINS}
         WHERE r.family_id = ? AND r.position < ?
           AND (? IS NULL OR r.subject_id = ?)
         ORDER BY r.position DESC LIMIT ?`,
      ),
      anomalies: db.prepare<
        [string, number, number],
        ReaderRow & {
          position: number;
          kind: AnomalyKind;
          at: string;
          family_id: string;
          target: ReadTarget;
          target_id: string;
        }
      >(
        `SELECT r.*, sv.name AS service_name, st.display_name FROM access_anomalies r ${READER_JOINS}
         WHERE r.municipality_id = ? AND r.position < ?
         ORDER BY r.position DESC, r.kind LIMIT ?`,
      ),
    };
  }

  /** Who belongs to the family, by sign-in: what decides who may read its access log. */
  members(familyId: string): FamilyMember[] {
    return this.statements.members.all(familyId).flatMap((row) =>
      row.identity_subject
        ? [
            {
              kind: row.kind,
              identitySubject: row.identity_subject,
              subjectId: row.kind === 'subject' ? row.member_id : null,
              parentalResponsibility: row.parental_responsibility === 1,
            },
          ]
        : [],
    );
  }

  /**
   * The family's access log, newest first; `subjectId` keeps it to the reads about one young person
   * (not the family-wide ones, which may be about a sibling).
   */
  reads(
    familyId: string,
    subjectId: string | null,
    page: PageOptions,
  ): { items: AccessLogItem[]; nextCursor: string | null } {
    const limit = pageLimit(page.limit);
    const rows = this.statements.reads.all(
      familyId,
      cursorOf(page.after),
      subjectId,
      subjectId,
      limit + 1,
    );
    const items = rows.slice(0, limit).map((row) => ({
      at: row.at,
      target: row.target,
      targetId: row.target_id,
      subjectId: row.subject_id,
      reader: reader(row),
    }));
    return {
      items,
      nextCursor: rows.length > limit ? String(rows[limit - 1].position) : null,
    };
  }

  anomalies(
    municipalityId: string,
    page: PageOptions,
  ): { items: AccessAnomaly[]; nextCursor: string | null } {
    const limit = pageLimit(page.limit);
    // One read can raise two kinds: page by position so that a page never splits them.
    const rows = this.statements.anomalies.all(municipalityId, cursorOf(page.after), limit * 3 + 1);
    const items: (AccessAnomaly & { position: number })[] = [];
    let nextCursor: string | null = null;
    for (const row of rows) {
      if (items.length >= limit && row.position !== items[items.length - 1].position) {
        nextCursor = String(items[items.length - 1].position);
        break;
      }
      items.push({
        position: row.position,
        kind: row.kind,
        at: row.at,
        familyId: row.family_id,
        target: row.target,
        targetId: row.target_id,
        reader: { ...reader(row), subject: row.reader_subject },
      });
    }
    return { items: items.map(({ position: _position, ...item }) => item), nextCursor };
  }
}
