import type Database from 'better-sqlite3';
import {
  consentVisible,
  entryVisible,
  logReadAccess,
  mayKnowConcern,
  mayKnowFamily,
  meetingReadAccess,
  meetingServiceVisible,
  serviceVisible,
  type LogFacts,
  type LogReader,
  type MeetingAccessFacts,
  type MeetingReader,
} from '@bti/access';
import { notFound, type Actor, type InformationCategory } from '@bti/domain';
import type { MeetingsReadModel } from '@bti/meetings';
import { pageLimit } from '@bti/read-models';
import { viewFacts, type StafettloggReadModel } from '@bti/stafettlogg';
import type { TimelineKind } from './timeline.items';

/** One item of the family's timeline as a reader sees it. */
export interface TimelineItem {
  /** Stable and unique: the item's time and its position in the log. */
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

interface ItemRow {
  family_id: string;
  at: string;
  position: number;
  municipality_id: string;
  subject_id: string | null;
  log_id: string | null;
  meeting_id: string | null;
  concern_id: string | null;
  kind: TimelineKind;
  type: string;
  service_id: string | null;
  category: InformationCategory | null;
  shared: number;
  consent_id: string | null;
  details: string;
}

/** The cursor of an item: its time and position, so the next page starts right after it. */
export const TIMELINE_CURSOR = /^(\d{4}-\d{2}-\d{2}[0-9T:.Z+-]{0,30})~(\d{1,19})$/;
const cursorOf = (row: ItemRow) => `${row.at}~${row.position}`;

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

  constructor(
    private readonly db: Database.Database,
    private readonly logs: StafettloggReadModel,
    private readonly meetings: MeetingsReadModel,
  ) {
    this.statements = {
      family: db.prepare<[string], { municipality_id: string }>(
        'SELECT municipality_id FROM timeline_families WHERE family_id = ?',
      ),
      members: db.prepare<[string], { identity_subject: string; role: string }>(
        'SELECT identity_subject, role FROM timeline_members WHERE family_id = ?',
      ),
    };
  }

  /** The page of the family's timeline this reader may see, or a 404 when they may not know it. */
  page(actor: Actor, familyId: string, filter: TimelineFilter, now: Date): TimelinePage {
    const family = this.statements.family.get(familyId);
    const members = family ? this.statements.members.all(familyId) : [];
    if (
      !family ||
      !mayKnowFamily(actor, {
        municipalityId: family.municipality_id,
        guardians: members
          .filter((m) => m.role === 'guardian')
          .map((m) => ({ identitySubject: m.identity_subject })),
        youthSignIns: members.filter((m) => m.role === 'youth').map((m) => m.identity_subject),
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
      if (row.concern_id)
        return mayKnowConcern(actor, {
          municipalityId: row.municipality_id,
          serviceId: row.service_id ?? '',
        })
          ? this.item(row, JSON.parse(row.details) as Record<string, unknown>)
          : null;
      if (row.log_id) {
        const gate = logGate(row.log_id);
        if (!gate) return null;
        const { reader, facts } = gate;
        const seen = (serviceId: string | null) => serviceVisible(reader, facts, serviceId);
        if (!seen(row.service_id)) return null;
        if (
          (row.kind === 'entry' || row.kind === 'correction') &&
          !entryVisible(
            reader,
            facts,
            {
              serviceId: row.service_id,
              category: row.category as InformationCategory,
              sharedWithGuardians: row.shared === 1,
            },
            at,
          )
        )
          return null;
        const consent = row.consent_id
          ? facts.consents.find((c) => c.consentId === row.consent_id)
          : undefined;
        if (row.consent_id && (!consent || !consentVisible(reader, consent))) return null;
        const details = JSON.parse(row.details) as Record<string, unknown>;
        if (!servicesNamed(details).every(seen)) return null;
        const scope = consent ? (details.scope as { services: string[] } | undefined) : undefined;
        return this.item(
          row,
          scope
            ? { ...details, scope: { ...scope, services: scope.services.filter(seen) } }
            : details,
        );
      }
      if (row.meeting_id) {
        const gate = meetingGate(row.meeting_id);
        if (!gate) return null;
        const seen = (serviceId: string | null) =>
          meetingServiceVisible(gate.reader, gate.facts, serviceId);
        if (!seen(row.service_id)) return null;
        const details = JSON.parse(row.details) as Record<string, unknown>;
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
    if (filter.from) {
      conditions.push('at >= ?');
      values.push(filter.from);
    }
    if (filter.to) {
      // Times are ISO instants and dates; anything on the `to` day sorts below the next character.
      conditions.push('at < ?');
      values.push(`${filter.to}~`);
    }
    const scan = this.scan(conditions);
    // The scan resumes after the caller's cursor, then after the last row it read.
    const cursor = filter.after ? TIMELINE_CURSOR.exec(filter.after) : null;
    let afterAt = cursor ? cursor[1] : '';
    let afterPosition = cursor ? Number(cursor[2]) : -1;
    const items: TimelineItem[] = [];
    let lastShown: ItemRow | null = null;
    const chunk = Math.max(limit * 2, 64);
    for (;;) {
      const rows = scan.all(...values, afterAt, afterPosition, chunk);
      for (const row of rows) {
        afterAt = row.at;
        afterPosition = row.position;
        const shown = visible(row);
        if (!shown) continue;
        if (items.length === limit) return { items, nextCursor: cursorOf(lastShown as ItemRow) };
        items.push(shown);
        lastShown = row;
      }
      if (rows.length < chunk) return { items, nextCursor: null };
    }
  }

  /** The scan for one combination of filters, prepared once (there are only so many). */
  private scan(conditions: readonly string[]): Database.Statement<unknown[], ItemRow> {
    const where = conditions.join(' AND ');
    let statement = this.scans.get(where);
    if (!statement) {
      statement = this.db.prepare<unknown[], ItemRow>(
        `SELECT * FROM timeline_items WHERE ${where}
         AND (at, position) > (?, ?) ORDER BY at, position LIMIT ?`,
      );
      this.scans.set(where, statement);
    }
    return statement;
  }

  private item(row: ItemRow, details: Record<string, unknown>): TimelineItem {
    return {
      itemId: cursorOf(row),
      at: row.at,
      kind: row.kind,
      type: row.type,
      subjectId: row.subject_id,
      logId: row.log_id,
      meetingId: row.meeting_id,
      concernId: row.concern_id,
      serviceId: row.service_id,
      category: row.category,
      sharedWithGuardians: row.shared === 1,
      details,
    };
  }
}
