import type { MeetingView } from '../../../shared/api/reads';

/** Has this person (the guardian, or the young person) given their view of the meeting already? */
export function hasEvaluated(
  meeting: MeetingView,
  me: { guardianId: string | null; subjectId: string | null },
): boolean {
  return meeting.evaluations.some(
    (e) =>
      (e.evaluator.kind === 'guardian' && e.evaluator.guardianId === me.guardianId) ||
      (e.evaluator.kind === 'youth' && e.evaluator.subjectId === me.subjectId),
  );
}

/** Did this person take part (so that they may evaluate it)? */
export function attended(
  meeting: MeetingView,
  me: { guardianId: string | null; subjectId: string | null },
): boolean {
  return (meeting.attendance ?? []).some(
    (a) =>
      (a.mode === 'present' || a.mode === 'digital') &&
      ((a.kind === 'guardian' && a.guardianId === me.guardianId) ||
        (a.kind === 'youth' && a.subjectId === me.subjectId)),
  );
}
