import {
  personalReadsBlank,
  type DomainEvent,
  type EventData,
  type EventJson,
  type WithoutPersonal,
} from '../shared/decider';
import type { BtiLevel } from '../municipality/municipality';
import type { StaffRef } from '../stafettlogg/events';

/** How each person took part (R-MTG-4): in the room, on video, absent although invited, not invited. */
export const ATTENDANCE_MODES = ['present', 'digital', 'absent', 'not_invited'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const DECISION_KINDS = [
  'measure',
  'level_change',
  'stafettholder',
  'samordningsansvar',
  'referral',
  'other',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** The decisions the saga carries into the child's stafettlogg. */
export const DECISION_KINDS_FOR_THE_LOG = [
  'measure',
  'level_change',
  'stafettholder',
  'samordningsansvar',
] as const satisfies readonly DecisionKind[];

export const CHILDS_VOICE_HEARD = ['yes', 'partly', 'no'] as const;
export type ChildsVoiceHeard = (typeof CHILDS_VOICE_HEARD)[number];

export type MeetingLocation =
  | { readonly kind: 'place'; readonly place: string }
  | { readonly kind: 'video'; readonly link: string | null };

/**
 * A meeting's place or video link as its events keep it (schema version 2): under `personal`, since
 * a place may be the family's home; the kind stays outside (`locationKind`).
 */
export interface LocationDetails {
  readonly place: string | null;
  readonly link: string | null;
}

/** Where a meeting is, as read back: the place or link is null once the family's data is erased. */
export type MeetingLocationAsRead =
  | { readonly kind: 'place'; readonly place: string | null }
  | { readonly kind: 'video'; readonly link: string | null };

/** The location a command gives, as an event keeps it: its kind, and its details for `personal`. */
export function locationParts(location: MeetingLocation): {
  locationKind: MeetingLocation['kind'];
  details: LocationDetails;
} {
  return location.kind === 'place'
    ? { locationKind: 'place', details: { place: location.place, link: null } }
    : { locationKind: 'video', details: { place: null, link: location.link } };
}

/** The location an event's kind and (possibly erased) details describe. */
export function locationFromParts(
  kind: MeetingLocation['kind'],
  details: LocationDetails,
): MeetingLocationAsRead {
  return kind === 'place' ? { kind, place: details.place } : { kind, link: details.link };
}

/** Who acted in a meeting: staff for their service, a guardian of the family, the young person. */
export type MeetingActor =
  | { readonly kind: 'staff'; readonly staffId: string; readonly serviceId: string }
  | { readonly kind: 'guardian'; readonly guardianId: string }
  | { readonly kind: 'youth'; readonly subjectId: string };

export type Attendee =
  | { readonly kind: 'guardian'; readonly guardianId: string; readonly mode: AttendanceMode }
  | { readonly kind: 'youth'; readonly subjectId: string; readonly mode: AttendanceMode }
  | {
      readonly kind: 'staff';
      readonly staffId: string;
      readonly serviceId: string;
      readonly mode: AttendanceMode;
      /** May this person make decisions for their service (R-MTG-5)? */
      readonly decisionAuthority: boolean;
    };

/** What a decision changes, by kind; the first four name the log the saga carries them into. */
export type DecisionDetails =
  | {
      readonly kind: 'measure';
      readonly logId: string;
      readonly startDate: string;
      readonly evaluationDate: string | null;
      readonly initiativeId: string | null;
    }
  | { readonly kind: 'level_change'; readonly logId: string; readonly level: BtiLevel }
  | { readonly kind: 'stafettholder'; readonly logId: string; readonly to: StaffRef }
  | { readonly kind: 'samordningsansvar'; readonly logId: string; readonly serviceId: string }
  | { readonly kind: 'referral'; readonly arenaId: string | null }
  | { readonly kind: 'other' };

/**
 * A formal individual decision (enkeltvedtak) is made in the owning service's own system under its
 * own law; a meeting agreement may point at it, never replace it (R-DOM-7).
 */
export interface FormalDecisionReference {
  readonly serviceId: string;
  readonly reference: string;
}

export interface AgendaItem {
  readonly itemId: string;
  readonly text: string;
}

export type MeetingEvent =
  | DomainEvent<
      'MeetingScheduled',
      {
        meetingId: string;
        municipalityId: string;
        familyId: string;
        logIds: string[];
        startsAt: string;
        durationMinutes: number;
        locationKind: MeetingLocation['kind'];
        chair: StaffRef;
        invitedServices: string[];
        /** Invited services that take part in one of the logs hidden: others do not learn of them. */
        hiddenServices: string[];
        invitedGuardians: string[];
        invitedYouth: string[];
        scheduledBy: StaffRef;
        at: string;
        personal: { agenda: AgendaItem[]; location: LocationDetails };
      }
    >
  | DomainEvent<
      'AgendaItemAdded',
      { itemId: string; addedBy: MeetingActor; at: string; personal: { text: string } }
    >
  | DomainEvent<
      'MeetingRescheduled',
      {
        startsAt: string;
        durationMinutes: number;
        locationKind: MeetingLocation['kind'];
        by: StaffRef;
        at: string;
        personal: { location: LocationDetails };
      }
    >
  | DomainEvent<'MeetingCancelled', { by: StaffRef; at: string; personal: { reason: string } }>
  | DomainEvent<'MeetingStarted', { attendance: Attendee[]; by: StaffRef; at: string }>
  | DomainEvent<
      'GuardiansHeard',
      { speakers: string[]; recordedBy: MeetingActor; at: string; personal: { text: string } }
    >
  | DomainEvent<
      'ServicePerspectiveRecorded',
      { serviceId: string; by: StaffRef; at: string; personal: { text: string } }
    >
  | DomainEvent<
      'SharedUnderstandingRecorded',
      { by: StaffRef; at: string; personal: { text: string } }
    >
  | DomainEvent<
      'ChildsVoiceRecorded',
      {
        heard: boolean;
        by: StaffRef;
        at: string;
        personal: { text: string | null; reasonNotHeard: string | null };
      }
    >
  | DomainEvent<
      'MeetingDecisionRecorded',
      {
        decisionId: string;
        details: DecisionDetails;
        responsible: StaffRef;
        deadline: string;
        formalDecision: FormalDecisionReference | null;
        by: StaffRef;
        at: string;
        /** `text` is the decision in plain words, as the family reads it in the minutes. */
        personal: { text: string; goal: string | null };
      }
    >
  | DomainEvent<
      'MeetingEvaluatedByFamily',
      {
        evaluator: MeetingActor;
        /** 1 (not at all) – 5 (fully): did the services work as one, were we heard, was it useful. */
        coordination: number;
        beingHeard: number;
        usefulness: number;
        recordedBy: MeetingActor;
        at: string;
        personal: { comment: string | null };
      }
    >
  | DomainEvent<'MeetingEnded', { nextMeetingDate: string | null; by: StaffRef; at: string }>
  | DomainEvent<
      'EttermoteRecorded',
      {
        confidentialityReminded: boolean;
        /** 1–5 each: the form and content, the chair's steering, the team's support, equal dialogue. */
        formAndContent: number;
        chairSteering: number;
        teamSupport: number;
        equalDialogue: number;
        childsVoiceHeard: ChildsVoiceHeard;
        by: StaffRef;
        at: string;
        personal: { learned: string | null };
      }
    >
  | DomainEvent<
      'DecisionFollowUpNeeded',
      { decisionId: string; code: string; message: string; at: string }
    >
  | DomainEvent<
      'DecisionFollowUpResolved',
      { decisionId: string; by: StaffRef; at: string; personal: { note: string } }
    >;

export type MeetingEventType = MeetingEvent['type'];

export const MEETING_EVENT_TYPES = [
  'MeetingScheduled',
  'AgendaItemAdded',
  'MeetingRescheduled',
  'MeetingCancelled',
  'MeetingStarted',
  'GuardiansHeard',
  'ServicePerspectiveRecorded',
  'SharedUnderstandingRecorded',
  'ChildsVoiceRecorded',
  'MeetingDecisionRecorded',
  'MeetingEvaluatedByFamily',
  'MeetingEnded',
  'EttermoteRecorded',
  'DecisionFollowUpNeeded',
  'DecisionFollowUpResolved',
] as const satisfies readonly MeetingEventType[];

/** Where a meeting stands after this event, for read models that follow only that; null if unchanged. */
export function meetingStatusAfter(
  event: WithoutPersonal<MeetingEvent>,
): 'scheduled' | 'cancelled' | 'started' | 'ended' | null {
  switch (event.type) {
    case 'MeetingScheduled':
      return 'scheduled';
    case 'MeetingCancelled':
      return 'cancelled';
    case 'MeetingStarted':
      return 'started';
    case 'MeetingEnded':
      return 'ended';
    default:
      return null;
  }
}

/** A version 1 location (kind and details together, in the clear) as version 2 keeps it. */
function locationFromVersion1(
  location: { [key: string]: EventJson },
  erased: boolean,
): { locationKind: EventJson; details: { place: EventJson; link: EventJson } } {
  return {
    locationKind: location.kind,
    details: erased
      ? { place: null, link: null }
      : { place: location.place ?? null, link: location.link ?? null },
  };
}

/**
 * Reads a version 1 `MeetingScheduled` as version 2: version 1 kept the place (or video link) in the
 * clear beside the time; read back after an erasure (the personal part marked), it reads as null.
 */
export function meetingScheduledFromVersion1(data: EventData): EventData {
  const { location, personal, ...rest } = data as {
    location: { [key: string]: EventJson };
    personal: { [key: string]: EventJson };
  } & EventData;
  const { locationKind, details } = locationFromVersion1(location, personalReadsBlank(personal));
  return { ...rest, locationKind, personal: { ...personal, location: details } };
}

/**
 * Reads a version 1 `MeetingRescheduled` as version 2. Version 1 had no personal part, so nothing
 * marks it as erased: its place reads as written (the bytes of the old event hold it anyway).
 */
export function meetingRescheduledFromVersion1(data: EventData): EventData {
  const { location, ...rest } = data as { location: { [key: string]: EventJson } } & EventData;
  const { locationKind, details } = locationFromVersion1(location, false);
  return { ...rest, locationKind, personal: { location: details } };
}
