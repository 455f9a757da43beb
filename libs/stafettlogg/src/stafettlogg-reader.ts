import {
  ActionForbidden,
  consentVisible,
  logReadFacts,
  entryVisible,
  isLogReader,
  logReadAccess,
  plannedMeetingVisible,
  serviceVisible,
  type LogFacts,
  type LogFamilyFacts,
  type LogReadAccess,
  type ReadToRecord,
} from '@bti/access';
import { activeConsents, dateOf, DomainRuleViolation, notFound, type Actor } from '@bti/domain';
import type { EntryView, LogPolicyView, StafettloggView } from './stafettlogg.view';

/**
 * History items the family does not see: who else may read the log, and what the young person keeps
 * from the guardians, are the services' and the young person's matters.
 */
const KEPT_FROM_THE_FAMILY: ReadonlySet<string> = new Set([
  'GuardianReadAccessGranted',
  'GuardianReadAccessRevoked',
  'GuardianSharingChosen',
]);

export function viewFacts(view: LogPolicyView): LogFacts {
  return {
    municipalityId: view.municipalityId,
    subjectId: view.subjectId,
    status: view.status,
    services: view.services,
    consents: view.consents,
    consentAge: view.consentAge,
    readGrants: view.readGrants.map((grant) => grant.identitySubject),
    keptFromGuardians: view.keptFromGuardians,
  };
}

/** The policy's answer for this reader and log. */
export function accessTo(
  reader: Actor,
  view: StafettloggView,
  family: LogFamilyFacts | null,
  now: Date,
): LogReadAccess {
  return logReadAccess(reader, viewFacts(view), family, now.toISOString());
}

/**
 * Which entries of the log this reader sees, decided from the log's facts before any entry is read,
 * so a page of entries is made of these alone (none for a reader who may not read the log).
 */
export function entriesShownTo(
  reader: Actor,
  log: LogPolicyView,
  family: LogFamilyFacts | null,
  now: Date,
): (entry: EntryView) => boolean {
  const facts = viewFacts(log);
  const at = now.toISOString();
  const access = logReadAccess(reader, facts, family, at);
  if (!isLogReader(access)) return () => false;
  return (entry) => entryVisible(access, facts, entry, at);
}

/**
 * What this reader may see of a log, every field filtered by the visibility policy, or null when
 * they may not read it (see `accessTo` for why).
 */
export function viewFor(
  reader: Actor,
  view: StafettloggView,
  family: LogFamilyFacts | null,
  now: Date,
): StafettloggView | null {
  const access = accessTo(reader, view, family, now);
  if (!isLogReader(access)) return null;
  const at = now.toISOString();
  const facts = viewFacts(view);
  const visibleService = (serviceId: string | null) => serviceVisible(access, facts, serviceId);
  const entries = view.entries.filter((e) => entryVisible(access, facts, e, at));
  const visibleEntryIds = new Set(entries.map((e) => e.entryId));
  const consents = view.consents
    .filter((c) => consentVisible(access, c))
    .map((c) => ({
      ...c,
      scope: { ...c.scope, services: c.scope.services.filter(visibleService) },
    }));
  const consentIds = new Set(consents.map((c) => c.consentId));
  // A measure held by a service hidden from the reader is not theirs to see, nor its history: a
  // history item of a measure they cannot find would give the hidden participant away.
  const measures = view.measures.filter((m) => visibleService(m.responsible.serviceId));
  const measureIds = new Set(measures.map((m) => m.measureId));
  const history = view.history.filter(
    (h) =>
      visibleService(h.serviceId) &&
      (h.consentId === null || consentIds.has(h.consentId)) &&
      (h.entryId === null || visibleEntryIds.has(h.entryId)) &&
      (h.measureId === null || measureIds.has(h.measureId)) &&
      (access.kind !== 'family' || !KEPT_FROM_THE_FAMILY.has(h.type)),
  );
  // The meetings stay with the parents who have parental responsibility (a parent let read the log
  // sees the log, not the family's meetings).
  const seesMeetings =
    reader.role !== 'guardian' ||
    (family?.guardians ?? []).some(
      (g) => g.identitySubject === reader.subject && g.parentalResponsibility,
    );
  return {
    ...view,
    services: view.services.filter((s) => visibleService(s.serviceId)),
    consents,
    entries,
    measures,
    history,
    scheduledMeetings: seesMeetings
      ? view.scheduledMeetings.filter((m) => m.startsAt >= at && plannedMeetingVisible(access, m))
      : [],
    // The last activity the reader may see: an internal entry's time is not the family's to know.
    lastActivityAt: history.reduce((last, h) => (h.at > last ? h.at : last), ''),
    // Which other parent may read is the services' matter.
    readGrants: access.kind === 'family' ? [] : view.readGrants,
    keptFromGuardians: reader.role === 'guardian' ? [] : view.keptFromGuardians,
    revision: access.kind === 'family' ? null : view.revision,
  };
}

/** The log as this reader may see it, or the one answer the policy gives for why not. */
export function readableView(
  reader: Actor,
  view: StafettloggView | null,
  family: LogFamilyFacts | null,
  now: Date,
): StafettloggView {
  if (!view) throw notFound('STAFETTLOGG_NOT_FOUND');
  const access = accessTo(reader, view, family, now);
  if (access.kind === 'unknown') throw notFound('STAFETTLOGG_NOT_FOUND');
  if (access.kind === 'restricted')
    throw new ActionForbidden(
      'LOG_RESTRICTED',
      'The log is closed and restricted: only the municipality’s archive reads it now',
    );
  if (access.kind === 'withheld') {
    throw new DomainRuleViolation(
      access.code,
      'Your service may not read this log now: no active consent lets it take part',
    );
  }
  return viewFor(reader, view, family, now) as StafettloggView;
}

export interface StafettloggSummary {
  logId: string;
  subjectId: string;
  status: StafettloggView['status'];
  level: StafettloggView['level'];
  stafettholder: StafettloggView['stafettholder'];
  pendingHandover: StafettloggView['pendingHandover'];
  samordningsansvar: string | null;
  /** The services taking part that the reader may see. */
  services: string[];
  /** The consent in force now (the latest, if more than one): what it covers and until when. */
  activeConsent: {
    consentId: string;
    services: readonly string[];
    categories: readonly string[];
    validUntil: string | null;
  } | null;
  /** Measures not ended, the next evaluation first. */
  openMeasures: {
    measureId: string;
    goal: StafettloggView['measures'][number]['goal'];
    responsible: StafettloggView['measures'][number]['responsible'];
    status: StafettloggView['measures'][number]['status'];
    nextEvaluationDate: string | null;
    overdue: boolean;
  }[];
  nextMeeting: { meetingId: string; startsAt: string } | null;
  openedAt: string | null;
  closedBecause: string | null;
  lastActivityAt: string;
  /** Measures past their evaluation date without an evaluation: BTI wants these visible. */
  overdueEvaluations: number;
  revision: string | null;
}

/** The log at a glance, from what this reader may see of it (pass a view already filtered by `viewFor`). */
export function summarise(view: StafettloggView, now: Date): StafettloggSummary {
  const at = now.toISOString();
  const today = dateOf(at);
  const active = activeConsents(view.consents, at).at(-1) ?? null;
  const openMeasures = view.measures
    .filter((m) => m.status !== 'ended')
    .map((m) => ({
      measureId: m.measureId,
      goal: m.goal,
      responsible: m.responsible,
      status: m.status,
      nextEvaluationDate: m.evaluationDate,
      overdue: m.evaluationDate !== null && m.evaluationDate < today,
    }))
    .sort((a, b) => (a.nextEvaluationDate ?? '~').localeCompare(b.nextEvaluationDate ?? '~'));
  const next = view.scheduledMeetings.find((m) => m.startsAt >= at);
  return {
    logId: view.logId,
    subjectId: view.subjectId,
    status: view.status,
    level: view.level,
    stafettholder: view.stafettholder,
    pendingHandover: view.pendingHandover,
    samordningsansvar: view.samordningsansvar,
    services: view.services.map((s) => s.serviceId),
    activeConsent: active && {
      consentId: active.consentId,
      services: active.scope.services,
      categories: active.scope.categories,
      validUntil: active.validUntil,
    },
    openMeasures,
    nextMeeting: next ? { meetingId: next.meetingId, startsAt: next.startsAt } : null,
    openedAt: view.openedAt,
    closedBecause: view.closure?.reason ?? null,
    lastActivityAt: view.lastActivityAt,
    overdueEvaluations: openMeasures.filter((m) => m.overdue).length,
    revision: view.revision,
  };
}

/** What a read of this log records in the family's access log (the log as the reader saw it). */
export function logRead(
  reader: Actor,
  view: StafettloggView,
  at: string,
  reasonCode: string | null = null,
): ReadToRecord {
  return {
    familyId: view.familyId,
    subjectId: view.subjectId,
    target: 'stafettlogg',
    targetId: view.logId,
    reasonCode,
    ...logReadFacts(reader, view, at),
  };
}
