import {
  businessTimeOf,
  type ConcernEvent,
  type InformationCategory,
  type MeetingEvent,
  type StafettloggEvent,
} from '@bti/domain';
import type { AsRead } from '@bti/event-store';

/** What an item on a family's timeline is about; the filter a reader may ask for. */
export const TIMELINE_KINDS = [
  'concern',
  'log',
  'consent',
  'service',
  'entry',
  'correction',
  'measure',
  'evaluation',
  'handover',
  'samordningsansvar',
  'level',
  'meeting',
  'decision',
  'family_evaluation',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One item as the projection keeps it: the facts the visibility policy needs (which log, meeting or
 * concern; which service acted; the information category; whether it is shared with the family)
 * next to what the item says.
 */
export interface TimelineItemRow {
  readonly at: string;
  readonly kind: TimelineKind;
  readonly type: string;
  readonly serviceId: string | null;
  readonly category: InformationCategory | null;
  readonly sharedWithGuardians: boolean;
  readonly consentId: string | null;
  readonly details: Record<string, unknown>;
}

const item = (
  at: string,
  kind: TimelineKind,
  type: string,
  serviceId: string | null,
  details: Record<string, unknown>,
  extra: Partial<Pick<TimelineItemRow, 'category' | 'sharedWithGuardians' | 'consentId'>> = {},
): TimelineItemRow => ({
  at,
  kind,
  type,
  serviceId,
  category: extra.category ?? null,
  sharedWithGuardians: extra.sharedWithGuardians ?? true,
  consentId: extra.consentId ?? null,
  details,
});

/** The timeline item of a concern event: the noting service's own, before any consent. */
export function concernItem(event: AsRead<ConcernEvent>, serviceId: string): TimelineItemRow {
  const { type } = event;
  switch (event.type) {
    case 'ConcernNoted':
      return item(event.data.notedAt, 'concern', type, serviceId, {
        concernKind: event.data.kind,
        decisionDeadline: event.data.decisionDeadline,
        summary: event.data.personal.summary,
      });
    case 'ConcernTalkRecorded':
      return item(event.data.heldOn, 'concern', type, serviceId, {
        with: event.data.with,
        summary: event.data.personal.summary,
      });
    case 'ConcernDecided':
      return item(event.data.decidedAt, 'concern', type, serviceId, {
        outcome: event.data.outcome,
        late: event.data.late,
        reason: event.data.personal.reason,
      });
  }
}

/**
 * The timeline item of a log event, or null for bookkeeping the family's story does not need (the
 * rules a log follows). `measureService` answers which service is responsible for a measure.
 */
export function logItem(
  event: AsRead<StafettloggEvent>,
  measureService: (measureId: string) => string | null,
): TimelineItemRow | null {
  const { type } = event;
  // When it happened; the initiation has no time of its own (the projection takes its command's).
  const at = businessTimeOf(event) ?? '';
  const log = (
    kind: TimelineKind,
    serviceId: string | null,
    details: Record<string, unknown>,
    extra?: Parameters<typeof item>[5],
  ) => item(at, kind, type, serviceId, details, extra);
  const consent = (consentId: string, serviceId: string | null, details: Record<string, unknown>) =>
    log('consent', serviceId, details, { consentId });
  switch (event.type) {
    case 'StafettloggInitiated':
      return log('log', event.data.initiatedBy.serviceId, { status: 'awaiting_consent' });
    case 'ConsentRequested':
      return consent(event.data.consentId, event.data.requestedBy.serviceId, {
        status: 'requested',
        scope: { ...event.data.scope, purpose: event.data.personal.purpose },
      });
    case 'ConsentGiven':
      return consent(event.data.consentId, null, {
        status: 'given',
        form: event.data.form.kind,
        validFrom: event.data.validFrom,
        validUntil: event.data.validUntil,
      });
    case 'ConsentRefused':
      return consent(event.data.consentId, null, { status: 'refused' });
    case 'ConsentWithdrawn':
      return consent(event.data.consentId, null, { status: 'withdrawn' });
    case 'ConsentRenewed':
      return consent(event.data.consentId, null, {
        status: 'renewed',
        validUntil: event.data.validUntil,
      });
    case 'StafettloggOpened':
      return log('log', event.data.openedBy.serviceId, {
        status: 'open',
        level: event.data.level,
        stafettholder: event.data.stafettholder,
      });
    case 'ServiceJoined':
      return log('service', event.data.serviceId, {});
    case 'EntryAdded':
      return log(
        event.data.correctsEntryId ? 'correction' : 'entry',
        event.data.serviceId,
        {
          entryId: event.data.entryId,
          entryKind: event.data.kind,
          author: event.data.author,
          correctsEntryId: event.data.correctsEntryId,
          text: event.data.personal.text,
        },
        { category: event.data.category, sharedWithGuardians: event.data.sharedWithGuardians },
      );
    case 'MeasurePlanned':
      return log('measure', event.data.responsible.serviceId, {
        measureId: event.data.measureId,
        status: 'planned',
        goal: event.data.personal.goal,
        responsible: event.data.responsible,
        startDate: event.data.startDate,
        evaluationDate: event.data.evaluationDate,
        initiativeId: event.data.initiativeId,
      });
    case 'MeasureStarted':
      return log('measure', measureService(event.data.measureId), {
        measureId: event.data.measureId,
        status: 'started',
      });
    case 'MeasureEvaluated':
      return log('evaluation', measureService(event.data.measureId), {
        measureId: event.data.measureId,
        goalAttainment: event.data.goalAttainment,
        decision: event.data.decision,
        onTime: event.data.onTime,
        nextEvaluationDate: event.data.nextEvaluationDate,
        familyView: event.data.personal.familyView,
      });
    case 'MeasureEnded':
      return log('measure', measureService(event.data.measureId), {
        measureId: event.data.measureId,
        status: 'ended',
        reason: event.data.personal.reason,
      });
    case 'StafettholderHandoverOffered':
      return log('handover', event.data.offeredBy.serviceId, {
        status: 'offered',
        to: event.data.to,
      });
    case 'StafettholderHandoverAccepted':
      return log('handover', event.data.stafettholder.serviceId, {
        status: 'accepted',
        stafettholder: event.data.stafettholder,
        previous: event.data.previous,
      });
    case 'StafettholderHandoverDeclined':
      return log('handover', event.data.declinedBy.serviceId, { status: 'declined' });
    case 'SamordningsansvarAssigned':
      return log('samordningsansvar', event.data.serviceId, {});
    case 'LevelChanged':
      return log('level', event.data.changedBy.serviceId, {
        from: event.data.from,
        to: event.data.to,
        reason: event.data.personal.reason,
      });
    case 'RulesMovedOn':
      return null;
    case 'StafettloggClosed':
      return log('log', event.data.closedBy.serviceId, {
        status: 'closed',
        reason: event.data.reason,
        familyEvaluation: event.data.familyEvaluation && {
          ...event.data.familyEvaluation,
          comment: event.data.personal.familyComment,
        },
      });
    case 'StafettloggReopened':
      return log('log', event.data.reopenedBy.serviceId, {
        status: 'open',
        reason: event.data.personal.reason,
      });
    // Who else in the family may read the log is the services' matter, not an item of the story.
    case 'GuardianReadAccessGranted':
    case 'GuardianReadAccessRevoked':
    case 'GuardianSharingChosen':
      return null;
  }
}

/**
 * The timeline item of a meeting event: when it was planned, held, moved or cancelled, its decisions
 * and the family's evaluation. What was said lives in the meeting's minutes; the staff's ettermøte
 * and the saga's follow-ups are not the family's story.
 */
export function meetingItem(event: AsRead<MeetingEvent>): TimelineItemRow | null {
  const { type } = event;
  switch (event.type) {
    case 'MeetingScheduled':
      return item(event.data.at, 'meeting', type, event.data.chair.serviceId, {
        status: 'scheduled',
        startsAt: event.data.startsAt,
        durationMinutes: event.data.durationMinutes,
      });
    case 'MeetingRescheduled':
      return item(event.data.at, 'meeting', type, event.data.by.serviceId, {
        status: 'rescheduled',
        startsAt: event.data.startsAt,
        durationMinutes: event.data.durationMinutes,
      });
    case 'MeetingCancelled':
      return item(event.data.at, 'meeting', type, event.data.by.serviceId, {
        status: 'cancelled',
        reason: event.data.personal.reason,
      });
    case 'MeetingStarted':
      return item(event.data.at, 'meeting', type, event.data.by.serviceId, { status: 'started' });
    case 'MeetingEnded':
      return item(event.data.at, 'meeting', type, event.data.by.serviceId, {
        status: 'ended',
        nextMeetingDate: event.data.nextMeetingDate,
      });
    case 'MeetingDecisionRecorded':
      return item(event.data.at, 'decision', type, event.data.responsible.serviceId, {
        decisionId: event.data.decisionId,
        decisionKind: event.data.details.kind,
        responsible: event.data.responsible,
        deadline: event.data.deadline,
        text: event.data.personal.text,
      });
    case 'MeetingEvaluatedByFamily':
      return item(event.data.at, 'family_evaluation', type, null, {
        coordination: event.data.coordination,
        beingHeard: event.data.beingHeard,
        usefulness: event.data.usefulness,
        comment: event.data.personal.comment,
      });
    default:
      return null;
  }
}
