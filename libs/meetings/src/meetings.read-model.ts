import type Database from 'better-sqlite3';
import type { MeetingAccessFacts, MeetingFamilyFacts } from '@bti/access';
import {
  locationFromParts,
  type ConsentTerms,
  type FamilyEvent,
  type MeetingActor,
  type MeetingEvent,
  type MunicipalityEvent,
  type StaffRef,
  type StafettloggEvent,
} from '@bti/domain';
import { asReadEvent, type AsRead, type RecordedEvent } from '@bti/event-store';
import { pageLimit, shownPage, type PageOptions, type Projection } from '@bti/read-models';
import type {
  ActorView,
  AttendeeView,
  DecisionView,
  MeetingView,
  ServiceView,
  StaffView,
} from './meetings.view';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meetings (
  meeting_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, family_id TEXT NOT NULL,
  log_ids TEXT NOT NULL, status TEXT NOT NULL, starts_at TEXT NOT NULL, duration_minutes INTEGER NOT NULL,
  location TEXT NOT NULL, chair TEXT NOT NULL, invited_services TEXT NOT NULL,
  hidden_services TEXT NOT NULL, invited_guardians TEXT NOT NULL, invited_youth TEXT NOT NULL,
  attendance TEXT, next_meeting_date TEXT, ended_at TEXT, cancellation TEXT, revision INTEGER NOT NULL,
  schedule_sequence INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS meetings_by_family ON meetings (family_id, starts_at, meeting_id);
CREATE TABLE IF NOT EXISTS meeting_items (
  meeting_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (meeting_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meeting_decisions (
  meeting_id TEXT NOT NULL, decision_id TEXT NOT NULL, seq INTEGER NOT NULL, event_id TEXT NOT NULL,
  municipality_id TEXT NOT NULL, chair_service_id TEXT NOT NULL, status TEXT NOT NULL,
  data TEXT NOT NULL, carried_out_at TEXT, follow_up TEXT,
  PRIMARY KEY (meeting_id, decision_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS meeting_decisions_by_event ON meeting_decisions (event_id);
CREATE INDEX IF NOT EXISTS meeting_decisions_by_status ON meeting_decisions (municipality_id, chair_service_id, status);
CREATE TABLE IF NOT EXISTS meeting_log_subjects (
  log_id TEXT PRIMARY KEY, subject_id TEXT NOT NULL, closed INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meeting_log_consents (
  log_id TEXT NOT NULL, consent_id TEXT NOT NULL, status TEXT NOT NULL, scope TEXT NOT NULL,
  valid_from TEXT, valid_until TEXT,
  PRIMARY KEY (log_id, consent_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meeting_family_people (
  family_id TEXT NOT NULL, person_id TEXT NOT NULL, kind TEXT NOT NULL, identity_subject TEXT,
  name TEXT, parental_responsibility INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (family_id, person_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meeting_staff (
  municipality_id TEXT NOT NULL, staff_id TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (municipality_id, staff_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meeting_services (
  municipality_id TEXT NOT NULL, service_id TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (municipality_id, service_id)
) WITHOUT ROWID;
`;

const TABLES = [
  'meetings',
  'meeting_items',
  'meeting_decisions',
  'meeting_log_subjects',
  'meeting_log_consents',
  'meeting_family_people',
  'meeting_staff',
  'meeting_services',
] as const;

const MEETING = 'meeting-';
const LOG = 'stafettlogg-';
const FAMILY = 'family-';
const MUNICIPALITY = 'municipality-';
const json = (value: unknown) => JSON.stringify(value);
const parse = <T>(value: string | null): T | null =>
  value === null ? null : (JSON.parse(value) as T);

/** The kinds of rows in meeting_items, in the order a meeting runs. */
type ItemKind =
  | 'agenda'
  | 'guardians'
  | 'perspective'
  | 'understanding'
  | 'childs_voice'
  | 'evaluation'
  | 'ettermote';

function prepare(db: Database.Database) {
  const s = {
    insertMeeting: db.prepare(
      `INSERT OR IGNORE INTO meetings (meeting_id, municipality_id, family_id, log_ids, status, starts_at,
         duration_minutes, location, chair, invited_services, hidden_services, invited_guardians, invited_youth, revision)
       VALUES (?, ?, ?, ?, 'scheduled', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    revision: db.prepare('UPDATE meetings SET revision = ? WHERE meeting_id = ?'),
    rescheduled: db.prepare(
      `UPDATE meetings SET starts_at = ?, duration_minutes = ?, location = ?,
         schedule_sequence = schedule_sequence + 1 WHERE meeting_id = ?`,
    ),
    cancelled: db.prepare(
      `UPDATE meetings SET status = 'cancelled', cancellation = ?,
         schedule_sequence = schedule_sequence + 1 WHERE meeting_id = ?`,
    ),
    started: db.prepare(
      `UPDATE meetings SET status = 'started', attendance = ? WHERE meeting_id = ?`,
    ),
    ended: db.prepare(
      `UPDATE meetings SET status = 'ended', next_meeting_date = ?, ended_at = ? WHERE meeting_id = ?`,
    ),
    meeting: db.prepare<[string], { municipality_id: string; chair: string }>(
      'SELECT municipality_id, chair FROM meetings WHERE meeting_id = ?',
    ),
    insertItem: db.prepare(
      'INSERT OR IGNORE INTO meeting_items (meeting_id, seq, kind, at, data) VALUES (?, ?, ?, ?, ?)',
    ),
    insertDecision: db.prepare(
      `INSERT OR IGNORE INTO meeting_decisions
         (meeting_id, decision_id, seq, event_id, municipality_id, chair_service_id, status, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    carriedOut: db.prepare(
      `UPDATE meeting_decisions SET status = CASE WHEN status = 'recorded' THEN 'carried_out' ELSE status END,
         carried_out_at = COALESCE(carried_out_at, ?) WHERE event_id = ?`,
    ),
    followUp: db.prepare(
      `UPDATE meeting_decisions SET status = 'follow_up', follow_up = ? WHERE meeting_id = ? AND decision_id = ?`,
    ),
    followUpOf: db.prepare<[string, string], { follow_up: string | null }>(
      'SELECT follow_up FROM meeting_decisions WHERE meeting_id = ? AND decision_id = ?',
    ),
    resolved: db.prepare(
      `UPDATE meeting_decisions SET status = 'resolved', follow_up = ? WHERE meeting_id = ? AND decision_id = ?`,
    ),
    putLogSubject: db.prepare(
      'INSERT OR IGNORE INTO meeting_log_subjects (log_id, subject_id) VALUES (?, ?)',
    ),
    logClosed: db.prepare('UPDATE meeting_log_subjects SET closed = ? WHERE log_id = ?'),
    putConsent: db.prepare(
      `INSERT INTO meeting_log_consents (log_id, consent_id, status, scope) VALUES (?, ?, 'requested', ?)
       ON CONFLICT (log_id, consent_id) DO NOTHING`,
    ),
    consentAnswered: db.prepare(
      `UPDATE meeting_log_consents SET status = ?, valid_from = COALESCE(?, valid_from),
         valid_until = COALESCE(?, valid_until) WHERE log_id = ? AND consent_id = ?`,
    ),
    putPerson: db.prepare(
      `INSERT INTO meeting_family_people (family_id, person_id, kind, identity_subject, name, parental_responsibility)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (family_id, person_id) DO UPDATE SET identity_subject = excluded.identity_subject,
         name = excluded.name, parental_responsibility = excluded.parental_responsibility`,
    ),
    personName: db.prepare(
      'UPDATE meeting_family_people SET name = ? WHERE family_id = ? AND person_id = ?',
    ),
    personSignIn: db.prepare(
      'UPDATE meeting_family_people SET identity_subject = ? WHERE family_id = ? AND person_id = ?',
    ),
    putStaff: db.prepare(
      `INSERT INTO meeting_staff (municipality_id, staff_id, name) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET name = excluded.name`,
    ),
    putService: db.prepare(
      `INSERT INTO meeting_services (municipality_id, service_id, name) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET name = excluded.name`,
    ),
  };

  function applyMeeting(
    meetingId: string,
    seq: number,
    eventId: string,
    event: AsRead<MeetingEvent>,
  ) {
    if (event.type !== 'MeetingScheduled') s.revision.run(seq, meetingId);
    const item = (kind: ItemKind, at: string, data: object) =>
      s.insertItem.run(meetingId, seq, kind, at, json(data));
    switch (event.type) {
      case 'MeetingScheduled': {
        const d = event.data;
        s.insertMeeting.run(
          meetingId,
          d.municipalityId,
          d.familyId,
          json(d.logIds),
          d.startsAt,
          d.durationMinutes,
          json(locationFromParts(d.locationKind, d.personal.location)),
          json(d.chair),
          json(d.invitedServices),
          json(d.hiddenServices),
          json(d.invitedGuardians),
          json(d.invitedYouth),
          seq,
        );
        // Before every later item (their seq is the event's revision, from 0), in the order given.
        const agenda = d.personal.agenda;
        agenda.forEach((agendaItem, i) =>
          s.insertItem.run(
            meetingId,
            i - agenda.length,
            'agenda',
            d.at,
            json({ ...agendaItem, addedBy: { kind: 'staff', ...d.scheduledBy } }),
          ),
        );
        return;
      }
      case 'AgendaItemAdded':
        return item('agenda', event.data.at, {
          itemId: event.data.itemId,
          text: event.data.personal.text,
          addedBy: event.data.addedBy,
        });
      case 'MeetingRescheduled': {
        const d = event.data;
        s.rescheduled.run(
          d.startsAt,
          d.durationMinutes,
          json(locationFromParts(d.locationKind, d.personal.location)),
          meetingId,
        );
        return;
      }
      case 'MeetingCancelled':
        s.cancelled.run(json({ reason: event.data.personal.reason, at: event.data.at }), meetingId);
        return;
      case 'MeetingStarted':
        s.started.run(json(event.data.attendance), meetingId);
        return;
      case 'GuardiansHeard':
        return item('guardians', event.data.at, {
          speakers: event.data.speakers,
          text: event.data.personal.text,
          recordedBy: event.data.recordedBy,
        });
      case 'ServicePerspectiveRecorded':
        return item('perspective', event.data.at, {
          serviceId: event.data.serviceId,
          text: event.data.personal.text,
          by: event.data.by,
        });
      case 'SharedUnderstandingRecorded':
        return item('understanding', event.data.at, {
          text: event.data.personal.text,
          by: event.data.by,
        });
      case 'ChildsVoiceRecorded':
        return item('childs_voice', event.data.at, {
          heard: event.data.heard,
          ...event.data.personal,
          by: event.data.by,
        });
      case 'MeetingDecisionRecorded': {
        const d = event.data;
        const meeting = s.meeting.get(meetingId);
        if (!meeting) return;
        const forTheLog = [
          'measure',
          'level_change',
          'stafettholder',
          'samordningsansvar',
        ].includes(d.details.kind);
        s.insertDecision.run(
          meetingId,
          d.decisionId,
          seq,
          eventId,
          meeting.municipality_id,
          (JSON.parse(meeting.chair) as StaffRef).serviceId,
          forTheLog ? 'recorded' : 'agreement',
          json({
            details: d.details,
            text: d.personal.text,
            goal: d.personal.goal,
            responsible: d.responsible,
            deadline: d.deadline,
            formalDecision: d.formalDecision,
            recordedAt: d.at,
          }),
        );
        return;
      }
      case 'MeetingEvaluatedByFamily': {
        const { personal, recordedBy: _by, ...scores } = event.data;
        return item('evaluation', event.data.at, { ...scores, comment: personal.comment });
      }
      case 'MeetingEnded':
        s.ended.run(event.data.nextMeetingDate, event.data.at, meetingId);
        return;
      case 'EttermoteRecorded': {
        const { personal, ...checklist } = event.data;
        return item('ettermote', event.data.at, { ...checklist, learned: personal.learned });
      }
      case 'DecisionFollowUpNeeded': {
        const d = event.data;
        s.followUp.run(
          json({ code: d.code, message: d.message, at: d.at, resolution: null }),
          meetingId,
          d.decisionId,
        );
        return;
      }
      case 'DecisionFollowUpResolved': {
        const d = event.data;
        const open = parse<object>(s.followUpOf.get(meetingId, d.decisionId)?.follow_up ?? null);
        s.resolved.run(
          json({ ...open, resolution: { note: d.personal.note, by: d.by, at: d.at } }),
          meetingId,
          d.decisionId,
        );
        return;
      }
    }
  }

  function applyLog(logId: string, recorded: RecordedEvent) {
    // What the decision saga sent arrives with the decision's event as its cause.
    if (recorded.metadata.causationId)
      s.carriedOut.run(recorded.metadata.recordedAt, recorded.metadata.causationId);
    const event = asReadEvent<StafettloggEvent>(recorded);
    switch (event.type) {
      case 'StafettloggInitiated':
        s.putLogSubject.run(logId, event.data.subjectId);
        return;
      case 'StafettloggClosed':
      case 'StafettloggReopened':
        s.logClosed.run(event.type === 'StafettloggClosed' ? 1 : 0, logId);
        return;
      case 'ConsentRequested':
        s.putConsent.run(logId, event.data.consentId, json(event.data.scope));
        return;
      case 'ConsentGiven':
        s.consentAnswered.run(
          'given',
          event.data.validFrom,
          event.data.validUntil,
          logId,
          event.data.consentId,
        );
        return;
      case 'ConsentRefused':
      case 'ConsentWithdrawn':
        s.consentAnswered.run(
          event.type === 'ConsentRefused' ? 'refused' : 'withdrawn',
          null,
          null,
          logId,
          event.data.consentId,
        );
        return;
      case 'ConsentRenewed':
        s.consentAnswered.run('given', null, event.data.validUntil, logId, event.data.consentId);
        return;
      default:
        return;
    }
  }

  function applyFamily(familyId: string, event: AsRead<FamilyEvent>) {
    switch (event.type) {
      case 'GuardianAdded':
        s.putPerson.run(
          familyId,
          event.data.guardianId,
          'guardian',
          event.data.identitySubject,
          event.data.personal.name,
          Number(event.data.parentalResponsibility),
        );
        return;
      case 'SubjectAdded':
        s.putPerson.run(
          familyId,
          event.data.subjectId,
          'subject',
          event.data.identitySubject,
          event.data.personal.name,
          0,
        );
        return;
      case 'ChildBorn':
        s.personName.run(event.data.personal.name, familyId, event.data.subjectId);
        return;
      case 'SubjectIdentityLinked':
        s.personSignIn.run(event.data.identitySubject, familyId, event.data.subjectId);
        return;
      case 'FamilyRegistered':
        return;
    }
  }

  function applyMunicipality(municipalityId: string, event: MunicipalityEvent) {
    if (event.type === 'ServiceRegistered')
      s.putService.run(municipalityId, event.data.serviceId, event.data.name);
    if (event.type === 'StaffRegistered')
      s.putStaff.run(municipalityId, event.data.staffId, event.data.displayName);
  }

  return (recorded: RecordedEvent) => {
    const { stream } = recorded;
    if (stream.startsWith(MEETING))
      applyMeeting(
        stream.slice(MEETING.length),
        Number(recorded.revision),
        recorded.id,
        asReadEvent<MeetingEvent>(recorded),
      );
    else if (stream.startsWith(LOG)) applyLog(stream.slice(LOG.length), recorded);
    else if (stream.startsWith(FAMILY))
      applyFamily(stream.slice(FAMILY.length), asReadEvent<FamilyEvent>(recorded));
    else if (stream.startsWith(MUNICIPALITY))
      applyMunicipality(
        stream.slice(MUNICIPALITY.length),
        asReadEvent<MunicipalityEvent>(recorded),
      );
  };
}

/**
 * Samordningsmøter as their readers see them: a row per meeting, rows per contribution and decision.
 * It keeps its own copy of what the visibility policy and the minutes need from other streams — the
 * logs' consents, the family's sign-ins and names, the staff register's names — and marks a decision
 * carried out when the log event the decision saga caused arrives.
 */
export const meetingsProjection: Projection = {
  name: 'meetings',
  // 6: a log's closure, for the restriction of its meetings.
  version: 6,
  tables: TABLES,
  schema: SCHEMA,
  filter: { streamPrefixes: [MEETING, LOG, FAMILY, MUNICIPALITY] },
  prepare,
};

interface MeetingRow {
  meeting_id: string;
  municipality_id: string;
  family_id: string;
  log_ids: string;
  status: MeetingView['status'];
  starts_at: string;
  duration_minutes: number;
  location: string;
  chair: string;
  invited_services: string;
  hidden_services: string;
  invited_guardians: string;
  invited_youth: string;
  attendance: string | null;
  next_meeting_date: string | null;
  ended_at: string | null;
  cancellation: string | null;
  revision: number;
  schedule_sequence: number;
}

interface DecisionRow {
  meeting_id: string;
  decision_id: string;
  status: DecisionView['status'];
  data: string;
  carried_out_at: string | null;
  follow_up: string | null;
}

type StoredAttendee =
  | { kind: 'guardian'; guardianId: string; mode: AttendeeView['mode'] }
  | { kind: 'youth'; subjectId: string; mode: AttendeeView['mode'] }
  | (StaffRef & { kind: 'staff'; mode: AttendeeView['mode']; decisionAuthority: boolean });

/** The queries over the meetings' own tables. */
export class MeetingsReadModel {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      meeting: db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE meeting_id = ?'),
      byFamily: db.prepare<[string, string, number], MeetingRow>(
        `SELECT * FROM meetings WHERE family_id = ? AND (starts_at || meeting_id) > ?
         ORDER BY starts_at, meeting_id LIMIT ?`,
      ),
      upcoming: db.prepare<[string, string, number], MeetingRow>(
        `SELECT * FROM meetings WHERE family_id = ? AND status = 'scheduled' AND starts_at >= ?
         ORDER BY starts_at, meeting_id LIMIT ?`,
      ),
      items: db.prepare<[string], { kind: ItemKind; at: string; data: string }>(
        'SELECT kind, at, data FROM meeting_items WHERE meeting_id = ? ORDER BY seq',
      ),
      decisions: db.prepare<[string], DecisionRow>(
        'SELECT * FROM meeting_decisions WHERE meeting_id = ? ORDER BY seq',
      ),
      openFollowUps: db.prepare<[string, string, string, number], DecisionRow>(
        `SELECT * FROM meeting_decisions WHERE municipality_id = ? AND chair_service_id = ?
           AND status = 'follow_up' AND (meeting_id || decision_id) > ?
         ORDER BY meeting_id, decision_id LIMIT ?`,
      ),
      consents: db.prepare<
        [string],
        {
          status: ConsentTerms['status'];
          scope: string;
          valid_from: string | null;
          valid_until: string | null;
        }
      >('SELECT status, scope, valid_from, valid_until FROM meeting_log_consents WHERE log_id = ?'),
      logSubject: db.prepare<[string], { subject_id: string; closed: number }>(
        'SELECT subject_id, closed FROM meeting_log_subjects WHERE log_id = ?',
      ),
      people: db.prepare<
        [string],
        {
          person_id: string;
          kind: string;
          identity_subject: string | null;
          /** Null once the family's personal data is erased. */
          name: string | null;
          parental_responsibility: number;
        }
      >('SELECT * FROM meeting_family_people WHERE family_id = ?'),
      staffName: db.prepare<[string, string], { name: string }>(
        'SELECT name FROM meeting_staff WHERE municipality_id = ? AND staff_id = ?',
      ),
      serviceName: db.prepare<[string, string], { name: string }>(
        'SELECT name FROM meeting_services WHERE municipality_id = ? AND service_id = ?',
      ),
    };
  }

  meeting(meetingId: string): MeetingView | null {
    const row = this.statements.meeting.get(meetingId);
    return row ? this.assemble(row) : null;
  }

  /**
   * A family's meetings in time order, a page at a time. `shown` makes each the reader's item, or
   * null for a meeting not theirs to see: the page and its cursor count only the shown.
   */
  meetingsOfFamily<Item = MeetingView>(
    familyId: string,
    page: PageOptions,
    shown: (view: MeetingView) => Item | null = (view) => view as Item,
  ): { views: Item[]; nextCursor: string | null } {
    const { items, nextCursor } = shownPage(
      (after, count) => this.statements.byFamily.all(familyId, after, count),
      (row) => `${row.starts_at}${row.meeting_id}`,
      (row) => shown(this.assemble(row)),
      page,
    );
    return { views: items, nextCursor };
  }

  /** A family's meetings still to come (scheduled, starting at or after `from`), soonest first. */
  upcomingMeetingsOfFamily(familyId: string, from: string, limit = 100): MeetingView[] {
    return this.statements.upcoming.all(familyId, from, limit).map((row) => this.assemble(row));
  }

  /** Decisions the log refused, in meetings chaired from this service: each needs a person. */
  openFollowUps(
    municipalityId: string,
    chairServiceId: string,
    page: PageOptions,
  ): { items: { meetingId: string; decisionId: string }[]; nextCursor: string | null } {
    const limit = pageLimit(page.limit);
    const rows = this.statements.openFollowUps.all(
      municipalityId,
      chairServiceId,
      page.after ?? '',
      limit + 1,
    );
    const items = rows
      .slice(0, limit)
      .map((row) => ({ meetingId: row.meeting_id, decisionId: row.decision_id }));
    const last = rows[limit - 1];
    return {
      items,
      nextCursor: rows.length > limit ? `${last.meeting_id}${last.decision_id}` : null,
    };
  }

  /** The policy's view of the meeting, from this read model's copies. */
  accessFacts(view: MeetingView): MeetingAccessFacts {
    return this.accessFactsOf({
      municipalityId: view.municipalityId,
      chairServiceId: view.chair.serviceId,
      invitedServices: view.invitedServices.map((s) => s.serviceId),
      hiddenServices: view.hiddenServices,
      logIds: view.logIds,
    });
  }

  /**
   * What the visibility policy needs of a meeting, from its row alone — no items, decisions or names:
   * cheap enough for a reader that decides item by item (the family timeline).
   */
  policyView(meetingId: string): { access: MeetingAccessFacts; family: MeetingFamilyFacts } | null {
    const row = this.statements.meeting.get(meetingId);
    if (!row) return null;
    const logIds = JSON.parse(row.log_ids) as string[];
    return {
      access: this.accessFactsOf({
        municipalityId: row.municipality_id,
        chairServiceId: (JSON.parse(row.chair) as StaffRef).serviceId,
        invitedServices: JSON.parse(row.invited_services) as string[],
        hiddenServices: JSON.parse(row.hidden_services) as string[],
        logIds,
      }),
      family: this.familyFacts({ familyId: row.family_id, logIds }),
    };
  }

  private accessFactsOf(
    meeting: Omit<MeetingAccessFacts, 'logs'> & { logIds: readonly string[] },
  ): MeetingAccessFacts {
    return {
      municipalityId: meeting.municipalityId,
      chairServiceId: meeting.chairServiceId,
      invitedServices: meeting.invitedServices,
      hiddenServices: meeting.hiddenServices,
      logs: meeting.logIds.map((logId) => ({
        closed: this.statements.logSubject.get(logId)?.closed === 1,
        consents: this.statements.consents.all(logId).map((c) => ({
          status: c.status,
          scope: JSON.parse(c.scope) as ConsentTerms['scope'],
          validFrom: c.valid_from,
          validUntil: c.valid_until,
        })),
      })),
    };
  }

  /** The child or young person the meeting is about, when all its logs are about one; else null. */
  subjectOf(view: MeetingView): string | null {
    const subjects = new Set(
      view.logIds.map((logId) => this.statements.logSubject.get(logId)?.subject_id ?? null),
    );
    const [only] = subjects;
    return subjects.size === 1 ? (only ?? null) : null;
  }

  familyFacts(view: Pick<MeetingView, 'familyId' | 'logIds'>): MeetingFamilyFacts {
    const people = this.statements.people.all(view.familyId);
    const youth = new Set(
      view.logIds.flatMap((logId) => {
        const subject = this.statements.logSubject.get(logId);
        return subject ? [subject.subject_id] : [];
      }),
    );
    return {
      // A parent without parental responsibility is not the family a meeting is shown to.
      guardianSignIns: people.flatMap((p) =>
        p.kind === 'guardian' && p.parental_responsibility === 1 && p.identity_subject
          ? [p.identity_subject]
          : [],
      ),
      youthSignIns: people.flatMap((p) =>
        p.kind === 'subject' && p.identity_subject && youth.has(p.person_id)
          ? [p.identity_subject]
          : [],
      ),
    };
  }

  private assemble(row: MeetingRow): MeetingView {
    const municipalityId = row.municipality_id;
    const people = new Map(
      this.statements.people.all(row.family_id).map((p) => [p.person_id, p.name]),
    );
    const serviceName = (serviceId: string) =>
      this.statements.serviceName.get(municipalityId, serviceId)?.name ?? serviceId;
    const service = (serviceId: string): ServiceView => ({
      serviceId,
      name: serviceName(serviceId),
    });
    const staff = (ref: StaffRef): StaffView => ({
      ...ref,
      name: this.statements.staffName.get(municipalityId, ref.staffId)?.name ?? ref.staffId,
      serviceName: serviceName(ref.serviceId),
    });
    const actor = (who: MeetingActor): ActorView =>
      who.kind === 'staff'
        ? { ...who, name: staff(who).name }
        : {
            ...who,
            name: people.get(who.kind === 'guardian' ? who.guardianId : who.subjectId) ?? null,
          };
    const view: MeetingView = {
      meetingId: row.meeting_id,
      municipalityId,
      familyId: row.family_id,
      logIds: JSON.parse(row.log_ids) as string[],
      status: row.status,
      startsAt: row.starts_at,
      durationMinutes: row.duration_minutes,
      location: JSON.parse(row.location) as MeetingView['location'],
      chair: staff(JSON.parse(row.chair) as StaffRef),
      invitedServices: (JSON.parse(row.invited_services) as string[]).map(service),
      hiddenServices: JSON.parse(row.hidden_services) as string[],
      invitedGuardians: (JSON.parse(row.invited_guardians) as string[]).map((guardianId) => ({
        guardianId,
        name: people.get(guardianId) ?? null,
      })),
      invitedYouth: (JSON.parse(row.invited_youth) as string[]).map((subjectId) => ({
        subjectId,
        name: people.get(subjectId) ?? null,
      })),
      agenda: [],
      attendance:
        parse<StoredAttendee[]>(row.attendance)?.map((a): AttendeeView =>
          a.kind === 'staff'
            ? { ...staff(a), kind: 'staff', mode: a.mode, decisionAuthority: a.decisionAuthority }
            : a.kind === 'guardian'
              ? { ...a, name: people.get(a.guardianId) ?? null }
              : { ...a, name: people.get(a.subjectId) ?? null },
        ) ?? null,
      guardianStatements: [],
      perspectives: [],
      sharedUnderstanding: [],
      childsVoice: null,
      decisions: [],
      evaluations: [],
      ettermote: null,
      nextMeetingDate: row.next_meeting_date,
      endedAt: row.ended_at,
      cancellation: parse(row.cancellation),
      revision: String(row.revision),
      scheduleSequence: row.schedule_sequence,
    };
    for (const item of this.statements.items.all(row.meeting_id)) {
      const data = JSON.parse(item.data) as Record<string, unknown>;
      const at = item.at;
      switch (item.kind) {
        case 'agenda':
          view.agenda.push({
            itemId: data.itemId as string | null,
            text: data.text as string | null,
            addedBy: actor(data.addedBy as MeetingActor),
            at,
          });
          break;
        case 'guardians':
          view.guardianStatements.push({
            speakers: data.speakers as string[],
            text: data.text as string | null,
            recordedBy: actor(data.recordedBy as MeetingActor),
            at,
          });
          break;
        case 'perspective':
          view.perspectives.push({
            service: service(data.serviceId as string),
            text: data.text as string | null,
            by: staff(data.by as StaffRef),
            at,
          });
          break;
        case 'understanding':
          view.sharedUnderstanding.push({
            text: data.text as string | null,
            by: staff(data.by as StaffRef),
            at,
          });
          break;
        case 'childs_voice':
          view.childsVoice = {
            heard: data.heard as boolean,
            text: data.text as string | null,
            reasonNotHeard: data.reasonNotHeard as string | null,
            by: staff(data.by as StaffRef),
            at,
          };
          break;
        case 'evaluation':
          view.evaluations.push({
            evaluator: actor(data.evaluator as MeetingActor),
            coordination: data.coordination as number,
            beingHeard: data.beingHeard as number,
            usefulness: data.usefulness as number,
            comment: data.comment as string | null,
            at,
          });
          break;
        case 'ettermote':
          view.ettermote = {
            ...(data as Omit<NonNullable<MeetingView['ettermote']>, 'by' | 'at'>),
            by: staff(data.by as StaffRef),
            at,
          };
          break;
      }
    }
    view.decisions = this.statements.decisions.all(row.meeting_id).map((d): DecisionView => {
      const data = JSON.parse(d.data) as Omit<
        DecisionView,
        'decisionId' | 'kind' | 'responsible' | 'status' | 'carriedOutAt' | 'followUp'
      > & { responsible: StaffRef };
      const followUp = parse<{
        code: string;
        message: string;
        at: string;
        resolution: { note: string | null; by: StaffRef; at: string } | null;
      }>(d.follow_up);
      return {
        decisionId: d.decision_id,
        kind: data.details.kind,
        ...data,
        responsible: staff(data.responsible),
        status: d.status,
        carriedOutAt: d.carried_out_at,
        followUp: followUp && {
          ...followUp,
          resolution: followUp.resolution && {
            ...followUp.resolution,
            by: staff(followUp.resolution.by),
          },
        },
      };
    });
    return view;
  }
}
