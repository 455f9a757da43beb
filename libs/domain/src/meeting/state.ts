import { unreachable } from '../shared/decider';
import type { StaffRef } from '../stafettlogg/events';
import type { Attendee, DecisionDetails, MeetingEvent } from './events';

export interface NoMeeting {
  readonly status: 'none';
}

export interface KnownMeeting {
  readonly status: 'scheduled' | 'cancelled' | 'started' | 'ended';
  readonly meetingId: string;
  readonly municipalityId: string;
  readonly familyId: string;
  readonly logIds: readonly string[];
  readonly startsAt: string;
  readonly chair: StaffRef;
  readonly invitedServices: readonly string[];
  readonly hiddenServices: readonly string[];
  readonly invitedGuardians: readonly string[];
  readonly invitedYouth: readonly string[];
  readonly agendaItemIds: readonly string[];
  readonly attendance: readonly Attendee[] | null;
  readonly guardiansHeard: boolean;
  readonly childsVoiceRecorded: boolean;
  readonly decisions: Readonly<Record<string, { readonly details: DecisionDetails }>>;
  /** Guardian or subject ids who have evaluated the meeting. */
  readonly evaluatedBy: readonly string[];
  readonly ettermoteRecorded: boolean;
  readonly followUps: Readonly<Record<string, 'open' | 'resolved'>>;
}

export type MeetingState = NoMeeting | KnownMeeting;

export const initialMeetingState = (): MeetingState => ({ status: 'none' });

const known = (state: MeetingState, change: (meeting: KnownMeeting) => KnownMeeting) =>
  state.status === 'none' ? state : change(state);

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'MeetingScheduled': {
      const d = event.data;
      return {
        status: 'scheduled',
        meetingId: d.meetingId,
        municipalityId: d.municipalityId,
        familyId: d.familyId,
        logIds: d.logIds,
        startsAt: d.startsAt,
        chair: d.chair,
        invitedServices: d.invitedServices,
        hiddenServices: d.hiddenServices,
        invitedGuardians: d.invitedGuardians,
        invitedYouth: d.invitedYouth,
        agendaItemIds: d.personal.agenda.map((item) => item.itemId),
        attendance: null,
        guardiansHeard: false,
        childsVoiceRecorded: false,
        decisions: {},
        evaluatedBy: [],
        ettermoteRecorded: false,
        followUps: {},
      };
    }
    case 'AgendaItemAdded':
      return known(state, (m) => ({
        ...m,
        agendaItemIds: [...m.agendaItemIds, event.data.itemId],
      }));
    case 'MeetingRescheduled':
      return known(state, (m) => ({ ...m, startsAt: event.data.startsAt }));
    case 'MeetingCancelled':
      return known(state, (m) => ({ ...m, status: 'cancelled' }));
    case 'MeetingStarted':
      return known(state, (m) => ({ ...m, status: 'started', attendance: event.data.attendance }));
    case 'GuardiansHeard':
      return known(state, (m) => ({ ...m, guardiansHeard: true }));
    case 'ServicePerspectiveRecorded':
    case 'SharedUnderstandingRecorded':
      return state;
    case 'ChildsVoiceRecorded':
      return known(state, (m) => ({ ...m, childsVoiceRecorded: true }));
    case 'MeetingDecisionRecorded':
      return known(state, (m) => ({
        ...m,
        decisions: { ...m.decisions, [event.data.decisionId]: { details: event.data.details } },
      }));
    case 'MeetingEvaluatedByFamily': {
      const evaluator = event.data.evaluator;
      const id =
        evaluator.kind === 'guardian'
          ? evaluator.guardianId
          : evaluator.kind === 'youth'
            ? evaluator.subjectId
            : evaluator.staffId;
      return known(state, (m) => ({ ...m, evaluatedBy: [...m.evaluatedBy, id] }));
    }
    case 'MeetingEnded':
      return known(state, (m) => ({ ...m, status: 'ended' }));
    case 'EttermoteRecorded':
      return known(state, (m) => ({ ...m, ettermoteRecorded: true }));
    case 'DecisionFollowUpNeeded':
      return known(state, (m) => ({
        ...m,
        followUps: { ...m.followUps, [event.data.decisionId]: 'open' },
      }));
    case 'DecisionFollowUpResolved':
      return known(state, (m) => ({
        ...m,
        followUps: { ...m.followUps, [event.data.decisionId]: 'resolved' },
      }));
    default:
      return unreachable(event);
  }
}

/** Guardians attend (in the room or on video): then they have the word first. */
export function guardiansAttend(meeting: KnownMeeting): boolean {
  return (meeting.attendance ?? []).some(
    (a) => a.kind === 'guardian' && (a.mode === 'present' || a.mode === 'digital'),
  );
}

export function attends(mode: Attendee['mode']): boolean {
  return mode === 'present' || mode === 'digital';
}

export const meetingStream = (meetingId: string) => `meeting-${meetingId}`;
