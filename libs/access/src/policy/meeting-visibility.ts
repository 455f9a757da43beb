import {
  activeConsents,
  consentCovers,
  isStaffRole,
  type Actor,
  type ConsentTerms,
} from '@bti/domain';

/** What the policy needs to know about a meeting: from the decider's state and facts, or a read model. */
export interface MeetingAccessFacts {
  readonly municipalityId: string;
  readonly chairServiceId: string;
  readonly invitedServices: readonly string[];
  /** Invited services that take part in one of the logs hidden. */
  readonly hiddenServices: readonly string[];
  /** Each log the meeting is about: its consents as they stand, and whether it is closed. */
  readonly logs: readonly {
    readonly consents: readonly ConsentTerms[];
    readonly closed: boolean;
  }[];
}

/**
 * Who in the family the meeting is about: the sign-ins of the guardians with parental responsibility
 * and of the young people.
 */
export interface MeetingFamilyFacts {
  readonly guardianSignIns: readonly string[];
  readonly youthSignIns: readonly string[];
}

const takesPart = (meeting: MeetingAccessFacts, serviceId: string) =>
  meeting.chairServiceId === serviceId || meeting.invitedServices.includes(serviceId);

/**
 * Who may know a meeting exists: staff of the municipality whose service chairs or is invited; the
 * family's guardians; the young people its logs are about, once their sign-in is linked.
 */
export function mayKnowMeeting(
  actor: Actor,
  meeting: MeetingAccessFacts,
  family: MeetingFamilyFacts | null,
): boolean {
  if (isStaffRole(actor.role))
    return (
      actor.municipalityId === meeting.municipalityId &&
      actor.serviceId !== null &&
      takesPart(meeting, actor.serviceId)
    );
  if (!family) return false;
  if (actor.role === 'guardian') return family.guardianSignIns.includes(actor.subject);
  if (actor.role === 'youth') return family.youthSignIns.includes(actor.subject);
  return false;
}

/**
 * Whether the meeting is restricted for this actor: a service, and every log the meeting is about
 * closed (a closed log is sperret, and the meetings about it with it). The family is not restricted.
 */
export function meetingRestrictedFor(actor: Actor, meeting: MeetingAccessFacts): boolean {
  return (
    isStaffRole(actor.role) && meeting.logs.length > 0 && meeting.logs.every((log) => log.closed)
  );
}

export type MeetingReadAccess =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'withheld'; readonly code: 'CONSENT_REQUIRED' | 'OUTSIDE_CONSENT_SCOPE' }
  /** Every log the meeting is about is closed, so restricted: its services no longer read it. */
  | { readonly kind: 'restricted' }
  | { readonly kind: 'service'; readonly serviceId: string; readonly chairs: boolean }
  | { readonly kind: 'family' };

/**
 * A service reads a meeting while an active consent of every log it is about names it — the same
 * rule the decider applies to a write — and not once every one of those logs is closed: a closed log
 * is restricted (sperret), and the meetings about it with it. The family reads its own meetings (not
 * the staff's ettermøte), closed or not, as it reads its closed logs.
 */
export function meetingReadAccess(
  actor: Actor,
  meeting: MeetingAccessFacts,
  family: MeetingFamilyFacts | null,
  at: string,
): MeetingReadAccess {
  if (!mayKnowMeeting(actor, meeting, family)) return { kind: 'unknown' };
  if (!isStaffRole(actor.role) || !actor.serviceId) return { kind: 'family' };
  const serviceId = actor.serviceId;
  if (meetingRestrictedFor(actor, meeting)) return { kind: 'restricted' };
  for (const log of meeting.logs) {
    if (activeConsents(log.consents, at).length === 0)
      return { kind: 'withheld', code: 'CONSENT_REQUIRED' };
    if (!consentCovers(log.consents, at, serviceId))
      return { kind: 'withheld', code: 'OUTSIDE_CONSENT_SCOPE' };
  }
  return { kind: 'service', serviceId, chairs: serviceId === meeting.chairServiceId };
}

export type MeetingReader = Extract<MeetingReadAccess, { kind: 'service' | 'family' }>;

/**
 * A hidden participant's attendance and words are seen by itself and the chair — and by the family,
 * who consented to it and sat at the table.
 */
export function meetingServiceVisible(
  reader: MeetingReader,
  meeting: MeetingAccessFacts,
  serviceId: string | null,
): boolean {
  if (reader.kind === 'family' || reader.chairs || serviceId === null) return true;
  return serviceId === reader.serviceId || !meeting.hiddenServices.includes(serviceId);
}

/**
 * Whether one who reads a log may see that a meeting about it is planned: the family, and the services
 * that chair it or are invited — the same services that may know the meeting itself.
 */
export function plannedMeetingVisible(
  reader:
    | { readonly kind: 'family' | 'archive' }
    | { readonly kind: 'service'; readonly serviceId: string },
  meeting: { readonly chairServiceId: string; readonly invitedServices: readonly string[] },
): boolean {
  return (
    reader.kind !== 'service' ||
    meeting.chairServiceId === reader.serviceId ||
    meeting.invitedServices.includes(reader.serviceId)
  );
}
