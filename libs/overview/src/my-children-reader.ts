import type Database from 'better-sqlite3';
import { meetingReadAccess } from '@bti/access';
import {
  dateOf,
  type Actor,
  type BtiLevel,
  type MeetingLocationAsRead,
  type SubjectKind,
} from '@bti/domain';
import { FAMILIES, type FamilyView } from '@bti/families';
import type { MeetingsReadModel } from '@bti/meetings';
import { MUNICIPALITIES, type MunicipalityView } from '@bti/municipality';
import { oneReadOn, type SqliteReadModelStore } from '@bti/read-models';
import { viewFor, type StafettloggReadModel, type StafettloggView } from '@bti/stafettlogg';

/** A person of the services, as a family should meet them: a name and where they work. */
export interface NamedStaff {
  staffId: string;
  name: string;
  serviceId: string;
  serviceName: string;
}

export interface MyChildLog {
  logId: string;
  status: StafettloggView['status'];
  level: BtiLevel | null;
  stafettholder: NamedStaff | null;
  /** Offered, not yet accepted: the baton is on its way to them. */
  pendingHandover: NamedStaff | null;
  samordningsansvar: { serviceId: string; serviceName: string } | null;
  services: { serviceId: string; serviceName: string }[];
  /** The agreed measure whose evaluation comes first (overdue ones included). */
  nextEvaluation: {
    measureId: string;
    goal: StafettloggView['measures'][number]['goal'];
    date: string;
    overdue: boolean;
  } | null;
  lastActivityAt: string;
}

export interface MyChild {
  familyId: string;
  subjectId: string;
  /** Null once the family's personal data is erased. */
  name: string | null;
  kind: SubjectKind;
  birthDate: string | null;
  expectedBirthDate: string | null;
  logs: MyChildLog[];
  nextMeeting: {
    meetingId: string;
    startsAt: string;
    durationMinutes: number;
    /** Where to come, or the video link to join by. */
    location: MeetingLocationAsRead;
    chair: NamedStaff;
  } | null;
}

/**
 * A guardian's children, or a young person's own page, found from the sign-in through the family
 * streams — never from an id the caller sends — and each log as the one visibility policy lets them
 * see it.
 */
export class MyChildrenReader {
  private readonly memberships;
  private readonly together: <T>(read: () => T) => T;

  constructor(
    db: Database.Database,
    private readonly store: SqliteReadModelStore,
    private readonly logs: StafettloggReadModel,
    private readonly meetings: MeetingsReadModel,
  ) {
    this.together = oneReadOn(db);
    this.memberships = db.prepare<[string, string], { family_id: string; person_id: string }>(
      `SELECT family_id, person_id FROM timeline_members WHERE identity_subject = ? AND role = ?
       ORDER BY family_id, person_id`,
    );
  }

  /** The children this guardian or young person may see, read as one snapshot. */
  children(actor: Actor, now: Date): MyChild[] {
    return this.together(() => this.read(actor, now));
  }

  private read(actor: Actor, now: Date): MyChild[] {
    if (actor.role !== 'guardian' && actor.role !== 'youth') return [];
    const at = now.toISOString();
    const today = dateOf(at);
    return this.memberships.all(actor.subject, actor.role).flatMap((membership) => {
      const family = this.store.getDocument<FamilyView>(FAMILIES, membership.family_id);
      if (!family) return [];
      const municipality = this.store.getDocument<MunicipalityView>(
        MUNICIPALITIES,
        family.municipalityId,
      );
      const named = namer(municipality);
      const subjects = Object.values(family.subjects).filter(
        (subject) => actor.role === 'guardian' || subject.subjectId === membership.person_id,
      );
      const logsOfFamily = this.logs.logsOfFamily(family.familyId, { limit: 500 }).views;
      const meetings = this.meetings.upcomingMeetingsOfFamily(family.familyId, at);
      return subjects.map((subject): MyChild => {
        const logs = logsOfFamily.flatMap((view) => {
          if (view.subjectId !== subject.subjectId) return [];
          const visible = viewFor(
            actor,
            view,
            this.logs.familyFacts(view.familyId, view.subjectId),
            now,
          );
          return visible ? [childLog(visible, named, today)] : [];
        });
        // A meeting whose every log is closed is restricted with them: no service runs it now.
        const logIds = new Set(
          logs.filter((log) => log.status !== 'closed').map((log) => log.logId),
        );
        const next = meetings.find((meeting) => {
          if (!meeting.logIds.some((id) => logIds.has(id))) return false;
          const reader = meetingReadAccess(
            actor,
            this.meetings.accessFacts(meeting),
            this.meetings.familyFacts(meeting),
            at,
          );
          return reader.kind === 'family';
        });
        return {
          familyId: family.familyId,
          subjectId: subject.subjectId,
          name: subject.personal.name,
          kind: subject.kind,
          birthDate: subject.personal.birthDate,
          expectedBirthDate: subject.personal.expectedBirthDate,
          logs,
          nextMeeting: next
            ? {
                meetingId: next.meetingId,
                startsAt: next.startsAt,
                durationMinutes: next.durationMinutes,
                location: next.location,
                chair: named.staff(next.chair),
              }
            : null,
        };
      });
    });
  }
}

/** Names from the municipality's register, so a family meets people rather than ids. */
export function namer(municipality: MunicipalityView | null) {
  const serviceName = (serviceId: string) => municipality?.services[serviceId]?.name ?? serviceId;
  return {
    service: (serviceId: string) => ({ serviceId, serviceName: serviceName(serviceId) }),
    staff: (ref: { staffId: string; serviceId: string }): NamedStaff => ({
      staffId: ref.staffId,
      name: municipality?.staff[ref.staffId]?.displayName ?? ref.staffId,
      serviceId: ref.serviceId,
      serviceName: serviceName(ref.serviceId),
    }),
  };
}

function childLog(
  view: StafettloggView,
  named: ReturnType<typeof namer>,
  today: string,
): MyChildLog {
  // A closed log's measures are evaluated no more.
  const next = view.measures
    .filter((m) => view.status !== 'closed' && m.status !== 'ended' && m.evaluationDate !== null)
    .sort((a, b) => (a.evaluationDate as string).localeCompare(b.evaluationDate as string))[0];
  return {
    logId: view.logId,
    status: view.status,
    level: view.level,
    stafettholder: view.stafettholder && named.staff(view.stafettholder),
    pendingHandover: view.pendingHandover && named.staff(view.pendingHandover),
    samordningsansvar: view.samordningsansvar ? named.service(view.samordningsansvar) : null,
    services: view.services.map((s) => named.service(s.serviceId)),
    nextEvaluation: next
      ? {
          measureId: next.measureId,
          goal: next.goal,
          date: next.evaluationDate as string,
          overdue: (next.evaluationDate as string) < today,
        }
      : null,
    lastActivityAt: view.lastActivityAt,
  };
}
