import type Database from 'better-sqlite3';
import {
  consentVisible,
  logReadAccess,
  mayKnowConcern,
  mayKnowLog,
  type LogFacts,
} from '@bti/access';
import { addDays, dateOf, isStaffRole, startOfDay, type Actor } from '@bti/domain';
import { FAMILIES, type FamilyView } from '@bti/families';
import type { ArenasReadModel } from '@bti/arenas';
import { oneReadOn, type SqliteReadModelStore } from '@bti/read-models';
import { entriesShownTo, viewFacts, viewFor, type StafettloggReadModel } from '@bti/stafettlogg';

/** How many items of each section a worklist shows; `total` says how many there are. */
export const WORKLIST_SECTION_SIZE = 50;
/** Evaluations coming up this many days ahead are "due". */
export const EVALUATION_DUE_WITHIN_DAYS = 14;
/** Consents ending this many days ahead are "expiring". */
export const CONSENT_EXPIRING_WITHIN_DAYS = 30;
/** Meetings starting this many days ahead are to be prepared. */
export const MEETING_PREPARE_WITHIN_DAYS = 14;

/**
 * A meeting (`m`) with a log that is not closed. Once every log it is about is closed the meeting is
 * restricted with them: it leaves its chair's start page, as the logs leave the services'.
 */
const NOT_RESTRICTED = `EXISTS (
  SELECT 1 FROM json_each(m.log_ids) AS about LEFT JOIN worklist_logs AS l ON l.log_id = about.value
  WHERE l.status IS NOT 'closed')`;

export interface Section<Item> {
  total: number;
  items: Item[];
}

interface ChildRef {
  familyId: string;
  subjectId: string;
  /** The child's name, from the family register of the staff member's own municipality. */
  childName: string | null;
}

export interface Worklist {
  /** Open logs where you hold the baton. */
  batons: Section<
    ChildRef & {
      logId: string;
      level: number | null;
      /**
       * The last activity in the log that you may see, as the log's own view tells it; null while
       * you may not read the log (a consent withdrawn): what happens in it then is not yours to see.
       */
      lastActivityAt: string | null;
      handoverOffered: boolean;
    }
  >;
  /** Handovers offered to you, waiting for your answer. */
  handoversToAccept: Section<ChildRef & { logId: string; offeredAt: string }>;
  /** Measures you are responsible for whose evaluation is overdue or coming up. */
  evaluationsDue: Section<
    ChildRef & { logId: string; measureId: string; evaluationDate: string; overdue: boolean }
  >;
  /** Consents of the logs you hold that end within 30 days. */
  consentsExpiring: Section<ChildRef & { logId: string; consentId: string; validUntil: string }>;
  /** Your service's nivå-0 concerns past their decision deadline. */
  overdueConcerns: Section<
    ChildRef & { concernId: string; kind: string; decisionDeadline: string }
  >;
  /** Logs you hold with no activity for longer than the municipality's threshold. */
  inactiveLogs: Section<
    ChildRef & { logId: string; lastActivityAt: string; thresholdDays: number }
  >;
  /** Meetings your service chairs, not started yet, from today through the next two weeks. */
  meetingsToPrepare: Section<{ meetingId: string; familyId: string; startsAt: string }>;
  /** Agreements from meetings your service chairs, past their deadline and not carried out. */
  decisionsPastDeadline: Section<{
    meetingId: string;
    decisionId: string;
    kind: string;
    deadline: string;
    responsible: { staffId: string; serviceId: string };
  }>;
  /** Decisions the log refused, in meetings your service chairs: a person must act. */
  followUps: Section<{ meetingId: string; decisionId: string; code: string; at: string }>;
  /** The intake queues of the teams your service is a member of. */
  arenaQueues: { arenaId: string; name: string; pending: number }[];
}

type Row = Record<string, string | number | null>;

/**
 * A staff member's worklist: what they must act on, each item about a log checked against the one
 * visibility policy (they may know the log), and named by the child so they know whom it is about.
 */
export class WorklistReader {
  private readonly q;
  private readonly together: <T>(read: () => T) => T;

  constructor(
    db: Database.Database,
    private readonly store: SqliteReadModelStore,
    private readonly logs: StafettloggReadModel,
    private readonly arenas: ArenasReadModel,
  ) {
    this.together = oneReadOn(db);
    const section = (sql: string) => db.prepare<unknown[], Row>(sql);
    this.q = {
      batons: section(
        `SELECT * FROM worklist_logs WHERE municipality_id = ? AND holder_staff = ? AND status = 'open'
         ORDER BY log_id`,
      ),
      handovers: section(
        `SELECT * FROM worklist_logs WHERE municipality_id = ? AND pending_staff = ? AND status = 'open'
         ORDER BY offered_at, log_id`,
      ),
      evaluations: section(
        `SELECT m.*, l.family_id, l.subject_id FROM worklist_measures m JOIN worklist_logs l USING (log_id)
         WHERE m.municipality_id = ? AND m.responsible_staff = ? AND m.status != 'ended'
           AND m.evaluation_date <= ? AND l.status = 'open'
         ORDER BY m.evaluation_date, m.log_id, m.measure_id`,
      ),
      consents: section(
        `SELECT c.*, l.family_id, l.subject_id FROM worklist_logs l JOIN worklist_consents c USING (log_id)
         WHERE l.municipality_id = ? AND l.holder_staff = ? AND l.status = 'open'
           AND c.status = 'given' AND c.valid_until >= ? AND c.valid_until <= ?
         ORDER BY c.valid_until, c.log_id`,
      ),
      concerns: section(
        `SELECT * FROM worklist_concerns WHERE municipality_id = ? AND service_id = ? AND decided = 0
           AND decision_deadline < ? ORDER BY decision_deadline, concern_id`,
      ),
      meetings: section(
        `SELECT * FROM worklist_meetings m WHERE municipality_id = ? AND chair_service = ?
           AND status = 'scheduled' AND starts_at >= ? AND starts_at < ? AND ${NOT_RESTRICTED}
         ORDER BY starts_at, meeting_id`,
      ),
      decisions: section(
        `SELECT d.* FROM worklist_decisions d JOIN worklist_meetings m USING (meeting_id)
         WHERE d.municipality_id = ? AND d.chair_service = ?
           AND d.status IN ('recorded', 'agreement') AND d.deadline < ? AND ${NOT_RESTRICTED}
         ORDER BY d.deadline, d.decision_id`,
      ),
      followUps: section(
        `SELECT d.* FROM worklist_decisions d JOIN worklist_meetings m USING (meeting_id)
         WHERE d.municipality_id = ? AND d.chair_service = ? AND d.status = 'follow_up'
           AND ${NOT_RESTRICTED}
         ORDER BY d.follow_up_at, d.decision_id`,
      ),
    };
  }

  /** The staff member's worklist, its sections and the policy's facts read as one snapshot. */
  worklist(actor: Actor, now: Date): Worklist {
    return this.together(() => this.read(actor, now));
  }

  private read(actor: Actor, now: Date): Worklist {
    const municipalityId = actor.municipalityId;
    const serviceId = actor.serviceId;
    if (!isStaffRole(actor.role) || !municipalityId || !serviceId) return emptyWorklist();
    const today = dateOf(now.toISOString());
    const families = new Map<string, FamilyView | null>();
    const child = (row: Row): ChildRef => {
      const familyId = String(row.family_id);
      const subjectId = String(row.subject_id);
      if (!families.has(familyId))
        families.set(familyId, this.store.getDocument<FamilyView>(FAMILIES, familyId));
      const family = families.get(familyId);
      const name =
        family?.municipalityId === municipalityId
          ? (family.subjects[subjectId]?.personal.name ?? null)
          : null;
      return { familyId, subjectId, childName: name };
    };
    // What the reader may know of each log, and whether they may read it now: the log's work that
    // is done inside it (an evaluation, a consent's renewal) waits for a reader; the baton and a
    // handover are theirs to act on (close, hand over, take) whatever the consent says now.
    const access = new Map<string, { knows: boolean; reads: boolean; facts: LogFacts | null }>();
    const accessTo = (row: Row) => {
      const logId = String(row.log_id);
      let known = access.get(logId);
      if (!known) {
        const log = this.logs.policyView(logId);
        const facts = log && viewFacts(log);
        const family = log && this.logs.familyFacts(log.familyId, log.subjectId);
        known =
          facts === null
            ? { knows: false, reads: false, facts }
            : {
                knows: mayKnowLog(actor, facts, family),
                reads: logReadAccess(actor, facts, family, now.toISOString()).kind === 'service',
                facts,
              };
        access.set(logId, known);
      }
      return known;
    };
    const mayKnow = (row: Row) => accessTo(row).knows;
    const mayRead = (row: Row) => accessTo(row).reads;
    // A consent that does not name the reader's service is not theirs to see (it could give a hidden
    // participant away), as in the log's own view.
    const mayReadConsent = (row: Row) => {
      const { reads, facts } = accessTo(row);
      const consent = facts?.consents.find((c) => c.consentId === String(row.consent_id));
      return (
        reads && consent !== undefined && consentVisible({ kind: 'service', serviceId }, consent)
      );
    };
    const take = <R, Item>(
      rows: R[],
      keep: (row: R) => boolean,
      shape: (row: R) => Item,
    ): Section<Item> => {
      const kept = rows.filter(keep);
      return { total: kept.length, items: kept.slice(0, WORKLIST_SECTION_SIZE).map(shape) };
    };
    // The holder's last activity is the one the log's view shows them. The projection's own time
    // counts every event, also a hidden participant's consent or an entry kept from them: showing it,
    // or leaving a log off the quiet list because of it, would tell them something happened.
    const seenActivity = new Map<string, string | null>();
    const lastSeenActivity = (row: Row): string | null => {
      const logId = String(row.log_id);
      if (!seenActivity.has(logId)) {
        const { view, family } = this.logs.logWithFamily(logId, {
          entriesLimit: 1,
          shownTo: (log, facts) => entriesShownTo(actor, log, facts, now),
        });
        const seen = view && viewFor(actor, view, family, now);
        seenActivity.set(logId, seen ? seen.lastActivityAt : null);
      }
      return seenActivity.get(logId) ?? null;
    };
    const me = actor.subject;
    const holding = this.q.batons
      .all(municipalityId, me)
      .filter(mayKnow)
      .map((row) => ({ row, lastActivityAt: lastSeenActivity(row) }))
      // Quietest first, as the projection orders them; a log you may not read now comes last.
      .sort(
        (a, b) =>
          compareNullsLast(a.lastActivityAt, b.lastActivityAt) ||
          String(a.row.log_id).localeCompare(String(b.row.log_id)),
      );
    const inactive = holding.filter(
      (held): held is { row: Row; lastActivityAt: string } =>
        held.row.inactivity_days !== null &&
        held.lastActivityAt !== null &&
        held.lastActivityAt < startOfDay(addDays(today, -Number(held.row.inactivity_days))),
    );
    return {
      batons: take(
        holding,
        () => true,
        ({ row, lastActivityAt }) => ({
          ...child(row),
          logId: String(row.log_id),
          level: row.level === null ? null : Number(row.level),
          lastActivityAt,
          handoverOffered: row.pending_staff !== null,
        }),
      ),
      handoversToAccept: take(this.q.handovers.all(municipalityId, me), mayKnow, (row) => ({
        ...child(row),
        logId: String(row.log_id),
        offeredAt: String(row.offered_at),
      })),
      evaluationsDue: take(
        this.q.evaluations.all(municipalityId, me, addDays(today, EVALUATION_DUE_WITHIN_DAYS)),
        mayRead,
        (row) => ({
          ...child(row),
          logId: String(row.log_id),
          measureId: String(row.measure_id),
          evaluationDate: String(row.evaluation_date),
          overdue: String(row.evaluation_date) < today,
        }),
      ),
      consentsExpiring: take(
        this.q.consents.all(
          municipalityId,
          me,
          today,
          addDays(today, CONSENT_EXPIRING_WITHIN_DAYS),
        ),
        mayReadConsent,
        (row) => ({
          ...child(row),
          logId: String(row.log_id),
          consentId: String(row.consent_id),
          validUntil: String(row.valid_until),
        }),
      ),
      overdueConcerns: take(
        this.q.concerns.all(municipalityId, serviceId, today),
        (row) => mayKnowConcern(actor, { municipalityId, serviceId: String(row.service_id) }),
        (row) => ({
          ...child(row),
          concernId: String(row.concern_id),
          kind: String(row.kind),
          decisionDeadline: String(row.decision_deadline),
        }),
      ),
      inactiveLogs: take(
        inactive,
        () => true,
        ({ row, lastActivityAt }) => ({
          ...child(row),
          logId: String(row.log_id),
          lastActivityAt,
          thresholdDays: Number(row.inactivity_days),
        }),
      ),
      meetingsToPrepare: take(
        // From the start of today: a meeting not yet started stays in the list on its day, also
        // after the time it was set for (the coordinator is about to run it).
        this.q.meetings.all(
          municipalityId,
          serviceId,
          startOfDay(today),
          startOfDay(addDays(today, MEETING_PREPARE_WITHIN_DAYS)),
        ),
        () => true,
        (row) => ({
          meetingId: String(row.meeting_id),
          familyId: String(row.family_id),
          startsAt: String(row.starts_at),
        }),
      ),
      decisionsPastDeadline: take(
        this.q.decisions.all(municipalityId, serviceId, today),
        () => true,
        (row) => ({
          meetingId: String(row.meeting_id),
          decisionId: String(row.decision_id),
          kind: String(row.kind),
          deadline: String(row.deadline),
          responsible: {
            staffId: String(row.responsible_staff),
            serviceId: String(row.responsible_service),
          },
        }),
      ),
      followUps: take(
        this.q.followUps.all(municipalityId, serviceId),
        () => true,
        (row) => ({
          meetingId: String(row.meeting_id),
          decisionId: String(row.decision_id),
          code: String(row.follow_up_code),
          at: String(row.follow_up_at),
        }),
      ),
      arenaQueues: this.arenaQueues(municipalityId, serviceId),
    };
  }

  private arenaQueues(municipalityId: string, serviceId: string): Worklist['arenaQueues'] {
    const queues: Worklist['arenaQueues'] = [];
    let after: string | undefined;
    do {
      const page = this.arenas.arenasOf(municipalityId, { after, limit: 500 });
      for (const arena of page.items) {
        if (!arena.memberServices.includes(serviceId)) continue;
        if (arena.pendingReferrals > 0)
          queues.push({
            arenaId: arena.arenaId,
            name: arena.name,
            pending: arena.pendingReferrals,
          });
      }
      after = page.nextCursor ?? undefined;
    } while (after);
    return queues;
  }
}

/** Orders ISO times oldest first, with the unknown (null) after every known one. */
function compareNullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function emptyWorklist(): Worklist {
  const none = { total: 0, items: [] };
  return {
    batons: none,
    handoversToAccept: none,
    evaluationsDue: none,
    consentsExpiring: none,
    overdueConcerns: none,
    inactiveLogs: none,
    meetingsToPrepare: none,
    decisionsPastDeadline: none,
    followUps: none,
    arenaQueues: [],
  };
}
