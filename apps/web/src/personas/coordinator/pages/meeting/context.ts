import type { Me } from '../../../../shared/api/reads';
import type { CoordinatorMeeting, MunicipalityRegister } from '../../reads';
import { attends } from '../../steps';

/** What every part of the meeting screen works from. */
export interface MeetingContext {
  readonly meeting: CoordinatorMeeting;
  readonly me: Me;
  readonly register: MunicipalityRegister;
}

/** The chair runs the meeting; a coordinator of the chair's service may stand in (as the API allows). */
export const mayChair = ({ meeting, me }: Pick<MeetingContext, 'meeting' | 'me'>) =>
  (me.subject === meeting.chair.staffId && me.serviceId === meeting.chair.serviceId) ||
  (me.role === 'coordinator' && me.serviceId === meeting.chair.serviceId);

/** The services of the meeting: the chair's and the invited ones. */
export const meetingServiceIds = (meeting: CoordinatorMeeting) => [
  meeting.chair.serviceId,
  ...meeting.invitedServices.map((s) => s.serviceId).filter((s) => s !== meeting.chair.serviceId),
];

/** The active staff of the meeting's services, by service, from the register. */
export function meetingStaff({ meeting, register }: Pick<MeetingContext, 'meeting' | 'register'>) {
  return meetingServiceIds(meeting).map((serviceId) => ({
    serviceId,
    name:
      register.services[serviceId]?.name ??
      meeting.invitedServices.find((s) => s.serviceId === serviceId)?.name ??
      serviceId,
    staff: Object.values(register.staff)
      .filter((s) => s.active && s.serviceId === serviceId)
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nb')),
  }));
}

/** Did the signed-in person take part (in the room or on video)? */
export const iAttended = ({ meeting, me }: Pick<MeetingContext, 'meeting' | 'me'>) =>
  (meeting.attendance ?? []).some(
    (a) =>
      a.kind === 'staff' &&
      a.staffId === me.subject &&
      a.serviceId === me.serviceId &&
      attends(a.mode),
  );
