import type Database from 'better-sqlite3';
import {
  consentVisible,
  entryVisible,
  isOwnEntry,
  logReadAccess,
  mayKnowConcern,
  mayKnowFamily,
  meetingReadAccess,
  meetingServiceVisible,
  serviceVisible,
  type EntryFacts,
  type LogFacts,
  type LogReader,
  type MeetingAccessFacts,
  type MeetingReader,
} from '@bti/access';
import {
  addDays,
  isIsoDate,
  logActorId,
  notFound,
  startOfDay,
  type Actor,
  type InformationCategory,
  type LogActor,
} from '@bti/domain';
import { POSITION_TOKEN_SHAPE, type PositionTokens } from '@bti/event-store';
import { openedPosition, validationFailed } from '@bti/http';
import type { MeetingsReadModel } from '@bti/meetings';
import { oneReadOn, pageLimit } from '@bti/read-models';
import { viewFacts, type StafettloggReadModel } from '@bti/stafettlogg';
import type { TimelineKind } from './timeline.items';

/** One item of the family's timeline as a reader sees it. */
export interface TimelineItem {
  /** Stable and unique: the item's time and its position in the log, sealed (`PositionTokens`). */
  itemId: string;
  at: string;
  kind: TimelineKind;
  type: string;
  subjectId: string | null;
  logId: string | null;
  meetingId: string | null;
  concernId: string | null;
  serviceId: string | null;
  category: InformationCategory | null;
  sharedWithGuardians: boolean;
  details: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass as `after` for the next page; null on the last. */
  nextCursor: string | null;
}

export interface TimelineFilter {
  readonly subjectId?: string;
  readonly kinds?: readonly TimelineKind[];
  /** Calendar dates, both inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly after?: string;
  readonly limit?: number;
}

/**
 * A timeline row as its columns come back (in ITEM_COLUMNS' order): read as arrays, not named rows,
 * since a page may scan many rows the reader may not see.
 */
type ItemRow = [
  at: string,
  position: number,
  municipalityId: string,
  subjectId: string | null,
  logId: string | null,
  meetingId: string | null,
  concernId: string | null,
  kind: TimelineKind,
  type: string,
  serviceId: string | null,
  category: InformationCategory | null,
  shared: number,
  consentId: string | null,
  details: string,
];
const ITEM_COLUMNS =
  'at, position, municipality_id, subject_id, log_id, meeting_id, concern_id, kind, type, service_id, category, shared, consent_id, details';

/**
 * The cursor of an item: its time and its position in the log, sealed (`PositionTokens`: a reader
 * who could subtract two items' positions would count the items between them they may not see).
 */
export const TIMELINE_CURSOR = new RegExp(
  `^(\\d{4}-\\d{2}-\\d{2}[0-9T:.Z+-]{0,30})~(${POSITION_TOKEN_SHAPE})$`,
);

/**
 * A cursor this timeline could have returned: its time a real date (an impossible one such as
 * 2025-02-30 was read as a place in the list and answered with a page — found from outside).
 */
export function isTimelineCursor(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const at = TIMELINE_CURSOR.exec(value)?.[1];
  if (at === undefined || !isIsoDate(at.slice(0, 10))) return false;
  return at.length === 10 || !Number.isNaN(Date.parse(at));
}

/** Why an `after` is refused: the DTO's shape check and the reader's say it in the same words. */
export const NOT_A_TIMELINE_CURSOR = 'after must be a nextCursor this timeline returned';

/** An entry item's author, as the policy compares it with the reader. */
function entryAuthorOf(
  details: Record<string, unknown>,
): Pick<EntryFacts, 'authorKind' | 'authorId'> {
  const author = details.author as LogActor | undefined;
  return author ? { authorKind: author.kind, authorId: logActorId(author) } : {};
}

/** Services an item names besides the one that acted: a hidden one among them hides the item. */
function servicesNamed(details: Record<string, unknown>): string[] {
  const named: string[] = [];
  for (const key of ['to', 'previous', 'stafettholder', 'responsible']) {
    const ref = details[key] as { serviceId?: unknown } | null | undefined;
    if (ref && typeof ref.serviceId === 'string') named.push(ref.serviceId);
  }
  return named;
}

type LogGate = { reader: LogReader; facts: LogFacts } | null;
type MeetingGate = { reader: MeetingReader; facts: MeetingAccessFacts } | null;

/**
 * A family's timeline for one reader. Every row is put to the one visibility policy before it counts
 * towards a page, so a page is full of what the reader may see, and nothing in it — its size, its
 * cursor — tells of items they may not.
 */
export class TimelineReader {
  private readonly statements;
  private readonly scans = new Map<string, Database.Statement<unknown[], ItemRow>>();
  private readonly together: <T>(read: () => T) => T;

  constructor(
    private readonly db: Database.Database,
    private readonly logs: StafettloggReadModel,
    private readonly meetings: MeetingsReadModel,
    private readonly positions: PositionTokens,
  ) {
    this.together = oneReadOn(db);
    this.statements = {
      // One row per member, or one with no member for a family without any; none for no family.
      familyWithMembers: db.prepare<
        [string],
        { municipality_id: string; identity_subject: string | null; role: string | null }
      >(
        `SELECT f.municipality_id, m.identity_subject, m.role FROM timeline_families f
         LEFT JOIN timeline_members m ON m.family_id = f.family_id WHERE f.family_id = ?`,
      ),
      item: db.prepare<[string, string, number], { found: number }>(
        'SELECT 1 AS found FROM timeline_items WHERE family_id = ? AND at = ? AND position = ?',
      ),
    };
  }

  /**
   * The page of the family's timeline this reader may see, or a 404 when they may not know it: its
   * scans and the policy's facts read as one snapshot.
   */
  page(actor: Actor, familyId: string, filter: TimelineFilter, now: Date): TimelinePage {
    return this.together(() => this.readPage(actor, familyId, filter, now));
  }

  private readPage(
    actor: Actor,
    familyId: string,
    filter: TimelineFilter,
    now: Date,
  ): TimelinePage {
    const members = this.statements.familyWithMembers.all(familyId);
    const signInsAs = (role: string) =>
      members.flatMap((m) => (m.role === role && m.identity_subject ? [m.identity_subject] : []));
    if (
      members.length === 0 ||
      !mayKnowFamily(actor, {
        municipalityId: members[0].municipality_id,
        guardians: signInsAs('guardian').map((identitySubject) => ({ identitySubject })),
        youthSignIns: signInsAs('youth'),
      })
    )
      throw notFound('FAMILY_NOT_FOUND');

    const limit = pageLimit(filter.limit);
    const at = now.toISOString();
    const logGates = new Map<string, LogGate>();
    const meetingGates = new Map<string, MeetingGate>();
    const logGate = (logId: string): LogGate => {
      if (!logGates.has(logId)) {
        const log = this.logs.policyView(logId);
        let gate: LogGate = null;
        if (log) {
          const facts = viewFacts(log);
          const reader = logReadAccess(
            actor,
            facts,
            this.logs.familyFacts(log.familyId, log.subjectId),
            at,
          );
          if (reader.kind === 'service' || reader.kind === 'family') gate = { reader, facts };
        }
        logGates.set(logId, gate);
      }
      return logGates.get(logId) ?? null;
    };
    const meetingGate = (meetingId: string): MeetingGate => {
      if (!meetingGates.has(meetingId)) {
        const meeting = this.meetings.policyView(meetingId);
        let gate: MeetingGate = null;
        if (meeting) {
          const reader = meetingReadAccess(actor, meeting.access, meeting.family, at);
          if (reader.kind === 'service' || reader.kind === 'family')
            gate = { reader, facts: meeting.access };
        }
        meetingGates.set(meetingId, gate);
      }
      return meetingGates.get(meetingId) ?? null;
    };

    // The cheap checks first: a row's details are parsed only once nothing but the services they name
    // can still hide it (most of what a guardian may not see is an internal entry).
    const visible = (row: ItemRow): TimelineItem | null => {
      const [
        ,
        ,
        municipalityId,
        ,
        logId,
        meetingId,
        concernId,
        kind,
        ,
        serviceId,
        category,
        shared,
        consentId,
        rawDetails,
      ] = row;
      if (concernId)
        return mayKnowConcern(actor, { municipalityId, serviceId: serviceId ?? '' })
          ? this.item(row, JSON.parse(rawDetails) as Record<string, unknown>)
          : null;
      if (logId) {
        const gate = logGate(logId);
        if (!gate) return null;
        const { reader, facts } = gate;
        const seen = (service: string | null) => serviceVisible(reader, facts, service);
        if (!seen(serviceId)) return null;
        const entry =
          kind === 'entry' || kind === 'correction'
            ? {
                serviceId,
                category: category as InformationCategory,
                sharedWithGuardians: shared === 1,
              }
            : null;
        const hiddenEntry = entry && !entryVisible(reader, facts, entry, at) ? entry : null;
        // What only its author may see is an entry the family wrote (no service did): whether this
        // reader wrote it is in the details, so internal entries are still passed over unparsed.
        const perhapsOwn = reader.kind === 'family' && reader.as !== null && serviceId === null;
        if (hiddenEntry && !perhapsOwn) return null;
        const consent = consentId
          ? facts.consents.find((c) => c.consentId === consentId)
          : undefined;
        if (consentId && (!consent || !consentVisible(reader, consent))) return null;
        const details = JSON.parse(rawDetails) as Record<string, unknown>;
        if (hiddenEntry && !isOwnEntry(reader, { ...hiddenEntry, ...entryAuthorOf(details) }))
          return null;
        if (!servicesNamed(details).every(seen)) return null;
        const scope = consent ? (details.scope as { services: string[] } | undefined) : undefined;
        return this.item(
          row,
          scope
            ? { ...details, scope: { ...scope, services: scope.services.filter(seen) } }
            : details,
        );
      }
      if (meetingId) {
        const gate = meetingGate(meetingId);
        if (!gate) return null;
        const seen = (service: string | null) =>
          meetingServiceVisible(gate.reader, gate.facts, service);
        if (!seen(serviceId)) return null;
        const details = JSON.parse(rawDetails) as Record<string, unknown>;
        return servicesNamed(details).every(seen) ? this.item(row, details) : null;
      }
      return null;
    };

    const conditions = ['family_id = ?'];
    const values: unknown[] = [familyId];
    if (filter.subjectId) {
      conditions.push('subject_id = ?');
      values.push(filter.subjectId);
    }
    if (filter.kinds?.length) {
      conditions.push(`kind IN (${filter.kinds.map(() => '?').join(', ')})`);
      values.push(...filter.kinds);
    }
    // Days in Norway: `at` holds UTC instants and calendar dates, and both sort against the instant a
    // day begins there as they should (a date is a prefix of its own day's instants).
    if (filter.from) {
      conditions.push('at >= ?');
      values.push(startOfDay(filter.from));
    }
    if (filter.to) {
      conditions.push('at < ?');
      values.push(startOfDay(addDays(filter.to, 1)));
    }
    const scan = this.scan(conditions);
    // The scan resumes after the caller's cursor, then after the last row it read.
    const cursor = filter.after ? TIMELINE_CURSOR.exec(filter.after) : null;
    let afterAt = cursor ? cursor[1] : '';
    let afterPosition = cursor
      ? Number(openedPosition(this.positions, cursor[2], 'after', NOT_A_TIMELINE_CURSOR))
      : -1;
    // A cursor names an item of this family's timeline, its time as the item gives it: the same
    // instant written otherwise (`…39Z` for `…39.948Z`) was compared as text and skipped items, and a
    // time made up around a real position answered an empty page.
    if (cursor && !this.statements.item.get(familyId, afterAt, afterPosition))
      throw validationFailed([{ field: 'after', reasons: [NOT_A_TIMELINE_CURSOR] }]);
    const items: TimelineItem[] = [];
    let lastShown: ItemRow | null = null;
    const chunk = Math.max(limit * 2, 64);
    for (;;) {
      const rows = scan.all(...values, afterAt, afterPosition, chunk);
      for (const row of rows) {
        [afterAt, afterPosition] = row;
        const shown = visible(row);
        if (!shown) continue;
        if (items.length === limit)
          return { items, nextCursor: this.cursorOf(lastShown as ItemRow) };
        items.push(shown);
        lastShown = row;
      }
      if (rows.length < chunk) return { items, nextCursor: null };
    }
  }

  private cursorOf([at, position]: ItemRow): string {
    return `${at}~${this.positions.seal(BigInt(position))}`;
  }

  /** The scan for one combination of filters, prepared once (there are only so many). */
  private scan(conditions: readonly string[]): Database.Statement<unknown[], ItemRow> {
    const where = conditions.join(' AND ');
    let statement = this.scans.get(where);
    if (!statement) {
      statement = this.db
        .prepare<unknown[], ItemRow>(
          `SELECT ${ITEM_COLUMNS} FROM timeline_items WHERE ${where}
           AND (at, position) > (?, ?) ORDER BY at, position LIMIT ?`,
        )
        .raw();
      this.scans.set(where, statement);
    }
    return statement;
  }

  private item(row: ItemRow, details: Record<string, unknown>): TimelineItem {
    const [
      at,
      ,
      ,
      subjectId,
      logId,
      meetingId,
      concernId,
      kind,
      type,
      serviceId,
      category,
      shared,
    ] = row;
    return {
      itemId: this.cursorOf(row),
      at,
      kind,
      type,
      subjectId,
      logId,
      meetingId,
      concernId,
      serviceId,
      category,
      sharedWithGuardians: shared === 1,
      details,
    };
  }
}
