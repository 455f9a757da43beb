import { STEP_IDS, type StepId } from './paths';
import type { AttendanceMode, Attendee, CoordinatorMeeting } from './reads';

/** In the room or on video: taking part. */
export const attends = (mode: AttendanceMode) => mode === 'present' || mode === 'digital';

/** The guardians at the table (in the room or on video). */
export function attendingGuardians(meeting: CoordinatorMeeting) {
  return (meeting.attendance ?? []).filter(
    (a): a is Extract<Attendee, { kind: 'guardian' }> => a.kind === 'guardian' && attends(a.mode),
  );
}

/** The guardians and young people at the table: those who evaluate the meeting. */
export function attendingFamily(meeting: CoordinatorMeeting) {
  return (meeting.attendance ?? []).filter(
    (a): a is Exclude<Attendee, { kind: 'staff' }> => a.kind !== 'staff' && attends(a.mode),
  );
}

/**
 * The guardians have the word first: while they attend and have not been heard, no later step may
 * be taken (the API refuses the services' words and decisions with GUARDIAN_SPEAKS_FIRST; the screen
 * does not move on either).
 */
export const guardiansMustSpeakFirst = (meeting: CoordinatorMeeting) =>
  attendingGuardians(meeting).length > 0 && meeting.guardianStatements.length === 0;

export interface StepState {
  readonly id: StepId;
  readonly done: boolean;
  /** Not to be taken yet: the guardians have not had the word. */
  readonly locked: boolean;
}

/** Where each step of a started (or ended) meeting stands. */
export function meetingSteps(meeting: CoordinatorMeeting): StepState[] {
  const locked = guardiansMustSpeakFirst(meeting);
  const done: Record<StepId, boolean> = {
    attendance: meeting.attendance !== null,
    guardians: meeting.guardianStatements.length > 0 || attendingGuardians(meeting).length === 0,
    services: meeting.perspectives.length > 0 || meeting.sharedUnderstanding.length > 0,
    child: meeting.childsVoice !== null,
    decisions: meeting.decisions.length > 0,
    evaluation: meeting.evaluations.length > 0,
    end: meeting.status === 'ended',
  };
  return STEP_IDS.map((id) => ({
    id,
    done: done[id],
    locked: locked && id !== 'attendance' && id !== 'guardians',
  }));
}

/** The step to show: the one asked for if it may be taken, else the first one not done. */
export function currentStep(meeting: CoordinatorMeeting, asked: StepId | null): StepId {
  const steps = meetingSteps(meeting);
  const askedStep = steps.find((s) => s.id === asked);
  if (askedStep && !askedStep.locked) return askedStep.id;
  return steps.find((s) => !s.done && !s.locked)?.id ?? 'end';
}

/** The step after this one, or null at the end. */
export function nextStep(id: StepId): StepId | null {
  return STEP_IDS[STEP_IDS.indexOf(id) + 1] ?? null;
}

/** The meeting may end once the child's voice (or why it was not heard) is recorded. */
export const mayEnd = (meeting: CoordinatorMeeting) => meeting.childsVoice !== null;
