import { COMMAND_ROLES } from '@bti/access';
import { route, type CommandRouteTable } from '@bti/http';
import type { Attendee, DecisionDetails, MeetingCommand, MeetingLocation } from '@bti/domain';
import {
  AddAgendaItemDto,
  ChildsVoiceDto,
  EndMeetingDto,
  EttermoteDto,
  EvaluateMeetingDto,
  GuardianStatementDto,
  MeetingDecisionDto,
  CancelMeetingDto,
  RescheduleMeetingDto,
  ResolveFollowUpDto,
  ScheduleMeetingDto,
  StartMeetingDto,
  TextDto,
  type AttendeeDto,
  type LocationDto,
} from './meetings.dto';
import { DispatchToMeeting } from './meetings.slice';

/** Meeting times are kept in UTC, so they sort and compare as text whatever offset the caller used. */
const utc = (instant: string) => new Date(instant).toISOString();

const meeting = ({ meetingId }: Record<string, string>) => meetingId;

const location = (dto: LocationDto): MeetingLocation =>
  dto.kind === 'place'
    ? { kind: 'place', place: dto.place ?? '' }
    : { kind: 'video', link: dto.link ?? null };

const attendee = (dto: AttendeeDto): Attendee =>
  dto.kind === 'guardian'
    ? { kind: 'guardian', guardianId: dto.guardianId ?? '', mode: dto.mode }
    : dto.kind === 'youth'
      ? { kind: 'youth', subjectId: dto.subjectId ?? '', mode: dto.mode }
      : {
          kind: 'staff',
          staffId: dto.staffId ?? '',
          serviceId: dto.serviceId ?? '',
          mode: dto.mode,
          decisionAuthority: dto.decisionAuthority ?? false,
        };

/** The DTO's flat fields as the decision's details; the DTO has checked what each kind needs. */
function decisionDetails(dto: MeetingDecisionDto): DecisionDetails {
  const logId = dto.logId ?? '';
  switch (dto.kind) {
    case 'measure':
      return {
        kind: 'measure',
        logId,
        startDate: dto.startDate ?? '',
        evaluationDate: dto.evaluationDate ?? null,
        initiativeId: dto.initiativeId ?? null,
      };
    case 'level_change':
      return { kind: 'level_change', logId, level: dto.level ?? 1 };
    case 'stafettholder':
      return {
        kind: 'stafettholder',
        logId,
        to: { staffId: dto.to?.staffId ?? '', serviceId: dto.to?.serviceId ?? '' },
      };
    case 'samordningsansvar':
      return { kind: 'samordningsansvar', logId, serviceId: dto.serviceId ?? '' };
    case 'referral':
      return { kind: 'referral', arenaId: dto.arenaId ?? null };
    case 'other':
      return { kind: 'other' };
  }
}

/** The samordningsmøte's command endpoints, in the order a meeting runs. */
export const meetingRoutes: CommandRouteTable<MeetingCommand> = {
  name: 'MeetingCommandsController',
  prefix: 'meetings',
  tag: 'meetings',
  roles: COMMAND_ROLES.meeting,
  params: { meetingId: 'uuid', decisionId: 'uuid' },
  dispatch: (meetingId, command, envelope) => new DispatchToMeeting(meetingId, command, envelope),
  routes: [
    route({
      type: 'ScheduleMeeting',
      path: '',
      body: ScheduleMeetingDto,
      summary:
        'Schedule a samordningsmøte about a child’s log (or a family’s logs): time, place, chair, invited services and guardians, agenda',
      target: (_, b) => b.meetingId,
      command: (b) => ({
        type: 'ScheduleMeeting',
        meetingId: b.meetingId,
        logIds: b.logIds,
        startsAt: utc(b.startsAt),
        durationMinutes: b.durationMinutes,
        location: location(b.location),
        chair: b.chair ? { staffId: b.chair.staffId, serviceId: b.chair.serviceId } : null,
        invitedServices: b.invitedServices,
        invitedGuardians: b.invitedGuardians,
        invitedYouth: b.invitedYouth ?? [],
        agenda: (b.agenda ?? []).map((item) => ({ itemId: item.itemId, text: item.text })),
      }),
    }),
    route({
      type: 'AddAgendaItem',
      path: ':meetingId/agenda',
      body: AddAgendaItemDto,
      summary: 'Add an agenda item before the meeting (the family too)',
      target: meeting,
      command: (b) => ({ type: 'AddAgendaItem', itemId: b.itemId, text: b.text }),
    }),
    route({
      type: 'RescheduleMeeting',
      path: ':meetingId/reschedule',
      body: RescheduleMeetingDto,
      summary: 'Move the meeting (the chair)',
      target: meeting,
      command: (b) => ({
        type: 'RescheduleMeeting',
        startsAt: utc(b.startsAt),
        durationMinutes: b.durationMinutes,
        location: location(b.location),
      }),
    }),
    route({
      type: 'CancelMeeting',
      path: ':meetingId/cancel',
      body: CancelMeetingDto,
      summary: 'Cancel the meeting, with a reason (the chair)',
      target: meeting,
      command: (b) => ({ type: 'CancelMeeting', reason: b.reason }),
    }),
    route({
      type: 'StartMeeting',
      path: ':meetingId/start',
      body: StartMeetingDto,
      summary:
        'Start the meeting with attendance: each person present, digital, absent or not invited, and who may decide',
      target: meeting,
      command: (b) => ({ type: 'StartMeeting', attendance: b.attendance.map(attendee) }),
    }),
    route({
      type: 'RecordGuardianStatement',
      path: ':meetingId/guardian-statements',
      body: GuardianStatementDto,
      summary: 'What the guardians said — they have the word first',
      target: meeting,
      command: (b) => ({
        type: 'RecordGuardianStatement',
        speakers: b.speakers ?? [],
        text: b.text,
      }),
    }),
    route({
      type: 'RecordServicePerspective',
      path: ':meetingId/perspectives',
      body: TextDto,
      summary: 'Your service’s perspective (after the guardians, when they attend)',
      target: meeting,
      command: (b) => ({ type: 'RecordServicePerspective', text: b.text }),
    }),
    route({
      type: 'RecordSharedUnderstanding',
      path: ':meetingId/shared-understanding',
      body: TextDto,
      summary: 'The shared understanding of the situation (the chair)',
      target: meeting,
      command: (b) => ({ type: 'RecordSharedUnderstanding', text: b.text }),
    }),
    route({
      type: 'RecordChildsVoice',
      path: ':meetingId/childs-voice',
      body: ChildsVoiceDto,
      summary: 'The child’s voice, or why it was not heard (required before the meeting ends)',
      target: meeting,
      command: (b) => ({
        type: 'RecordChildsVoice',
        heard: b.heard,
        text: b.heard ? (b.text ?? null) : null,
        reasonNotHeard: b.heard ? null : (b.reasonNotHeard ?? null),
      }),
    }),
    route({
      type: 'RecordMeetingDecision',
      path: ':meetingId/decisions',
      body: MeetingDecisionDto,
      summary:
        'A decision with a responsible person and a deadline; measures, level, baton and samordningsansvar reach the log by themselves',
      target: meeting,
      command: (b) => ({
        type: 'RecordMeetingDecision',
        decisionId: b.decisionId,
        details: decisionDetails(b),
        text: b.text,
        goal: b.kind === 'measure' ? (b.goal ?? null) : null,
        responsible: { staffId: b.responsibleStaffId, serviceId: b.responsibleServiceId },
        deadline: b.deadline,
        formalDecision: b.formalDecision
          ? { serviceId: b.formalDecision.serviceId, reference: b.formalDecision.reference }
          : null,
      }),
    }),
    route({
      type: 'EvaluateMeeting',
      path: ':meetingId/evaluations',
      body: EvaluateMeetingDto,
      summary: 'How was this for you? The family’s evaluation of the meeting (1–5 each)',
      target: meeting,
      command: (b) => ({
        type: 'EvaluateMeeting',
        guardianId: b.guardianId ?? null,
        coordination: b.coordination,
        beingHeard: b.beingHeard,
        usefulness: b.usefulness,
        comment: b.comment ?? null,
      }),
    }),
    route({
      type: 'EndMeeting',
      path: ':meetingId/end',
      body: EndMeetingDto,
      summary: 'End the meeting, with the date of the next one',
      target: meeting,
      command: (b) => ({ type: 'EndMeeting', nextMeetingDate: b.nextMeetingDate ?? null }),
    }),
    route({
      type: 'RecordEttermote',
      path: ':meetingId/ettermote',
      body: EttermoteDto,
      summary: 'The staff-only ettermøte checklist',
      target: meeting,
      command: (b) => ({
        type: 'RecordEttermote',
        confidentialityReminded: b.confidentialityReminded,
        formAndContent: b.formAndContent,
        chairSteering: b.chairSteering,
        teamSupport: b.teamSupport,
        equalDialogue: b.equalDialogue,
        childsVoiceHeard: b.childsVoiceHeard,
        learned: b.learned ?? null,
      }),
    }),
    route({
      type: 'ResolveDecisionFollowUp',
      path: ':meetingId/decisions/:decisionId/follow-up/resolve',
      body: ResolveFollowUpDto,
      summary: 'Resolve a decision the log could not take in (the chair)',
      target: meeting,
      command: (b, params) => ({
        type: 'ResolveDecisionFollowUp',
        decisionId: params.decisionId,
        note: b.note,
      }),
    }),
  ],
};
