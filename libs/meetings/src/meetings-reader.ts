import {
  ActionForbidden,
  meetingReadAccess,
  meetingServiceVisible,
  type MeetingAccessFacts,
  type MeetingFamilyFacts,
  type MeetingReader,
} from '@bti/access';
import { DomainRuleViolation, notFound, type Actor } from '@bti/domain';
import type { DecisionFollowUp, DecisionView, MeetingSummary, MeetingView } from './meetings.view';

/** What this reader may see of a meeting: hidden participants kept from other services, the ettermøte from the family. */
export function meetingFor(
  reader: MeetingReader,
  view: MeetingView,
  facts: MeetingAccessFacts,
): MeetingView {
  const visible = (serviceId: string | null) => meetingServiceVisible(reader, facts, serviceId);
  const family = reader.kind === 'family';
  return {
    ...view,
    invitedServices: view.invitedServices.filter((s) => visible(s.serviceId)),
    hiddenServices: family ? [] : view.hiddenServices.filter(visible),
    agenda: view.agenda.filter((a) => a.addedBy.kind !== 'staff' || visible(a.addedBy.serviceId)),
    attendance: view.attendance?.filter((a) => a.kind !== 'staff' || visible(a.serviceId)) ?? null,
    perspectives: view.perspectives.filter((p) => visible(p.service.serviceId)),
    decisions: view.decisions
      .filter((d) => visible(d.responsible.serviceId))
      .map((d) => (family ? { ...d, followUp: null } : d)),
    ettermote: family ? null : view.ettermote,
    revision: family ? null : view.revision,
  };
}

/** The meeting as this reader may see it, or the one answer the policy gives for why not. */
export function readableMeeting(
  actor: Actor,
  view: MeetingView | null,
  facts: (view: MeetingView) => { access: MeetingAccessFacts; family: MeetingFamilyFacts },
  now: Date,
): MeetingView {
  if (!view) throw notFound('MEETING_NOT_FOUND');
  const { access, family } = facts(view);
  const reader = meetingReadAccess(actor, access, family, now.toISOString());
  if (reader.kind === 'unknown') throw notFound('MEETING_NOT_FOUND');
  if (reader.kind === 'restricted')
    throw new ActionForbidden(
      'LOG_RESTRICTED',
      'The meeting’s logs are closed and restricted: only the municipality’s archive reads them now',
    );
  if (reader.kind === 'withheld')
    throw new DomainRuleViolation(
      reader.code,
      'Your service may not read this meeting now: no active consent of its logs names it',
    );
  return meetingFor(reader, view, access);
}

export function summarise(view: MeetingView): MeetingSummary {
  return {
    meetingId: view.meetingId,
    logIds: view.logIds,
    status: view.status,
    startsAt: view.startsAt,
    durationMinutes: view.durationMinutes,
    location: view.location,
    chair: view.chair,
    decisions: view.decisions.length,
    openFollowUps: view.decisions.filter((d) => d.status === 'follow_up').length,
    nextMeetingDate: view.nextMeetingDate,
    revision: view.revision,
  };
}

/** A decision that needs a person, as its chair's service sees it in the follow-up list. */
export interface FollowUpItem {
  meetingId: string;
  startsAt: string;
  logIds: string[];
  decisionId: string;
  kind: DecisionView['kind'];
  responsible: DecisionView['responsible'];
  deadline: string;
  followUp: DecisionFollowUp;
  /**
   * The decision in words; null while the chair's service may not read the meeting (`withheld`), or
   * once the family's personal data is erased.
   */
  text: string | null;
  /** Whether the text is kept from the chair's service, which may not read the meeting now. */
  withheld: boolean;
}

export function followUpItem(
  view: MeetingView,
  decision: DecisionView,
  readable: boolean,
): FollowUpItem {
  return {
    meetingId: view.meetingId,
    startsAt: view.startsAt,
    logIds: view.logIds,
    decisionId: decision.decisionId,
    kind: decision.kind,
    responsible: decision.responsible,
    deadline: decision.deadline,
    followUp: decision.followUp as DecisionFollowUp,
    text: readable ? decision.text : null,
    withheld: !readable,
  };
}
