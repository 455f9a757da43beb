import { answer, api } from '../../shared/api/client';
import type { components } from '../../shared/api/openapi';
import type { CommandResponse } from '../../shared/api/use-command';

type Schemas = components['schemas'];
/** A command's body without its commandId, which useCommand adds (one per intended change). */
type Body<Name extends keyof Schemas> = Omit<Schemas[Name], 'commandId'>;
/** A command on one meeting: the meeting's id and the body. */
type OnMeeting<Name extends keyof Schemas> = { meetingId: string } & Body<Name>;

export type ScheduleInput = Body<'ScheduleMeetingDto'>;
export type AgendaInput = OnMeeting<'AddAgendaItemDto'>;
export type StartInput = OnMeeting<'StartMeetingDto'>;
export type AttendeeInput = Schemas['AttendeeDto'];
export type GuardianStatementInput = OnMeeting<'GuardianStatementDto'>;
export type TextInput = OnMeeting<'TextDto'>;
export type ChildsVoiceInput = OnMeeting<'ChildsVoiceDto'>;
export type DecisionInput = OnMeeting<'MeetingDecisionDto'>;
export type EvaluationInput = OnMeeting<'EvaluateMeetingDto'>;
export type EndInput = OnMeeting<'EndMeetingDto'>;
export type EttermoteInput = OnMeeting<'EttermoteDto'>;
export type ResolveInput = OnMeeting<'ResolveFollowUpDto'> & { decisionId: string };
export type RescheduleInput = OnMeeting<'RescheduleMeetingDto'>;
export type CancelInput = OnMeeting<'CancelMeetingDto'>;

const path = (meetingId: string) => ({ params: { path: { meetingId } } });

/**
 * The samordningsmøte's commands, in the order a meeting runs. Each is sent through useCommand,
 * which gives it its commandId; the API's answer is the command's position, for read-your-writes.
 */
export const meetingCommands = {
  schedule: (input: ScheduleInput, commandId: string): Promise<CommandResponse> =>
    answer(api.POST('/meetings', { body: { ...input, commandId } })),

  addAgendaItem: ({ meetingId, ...body }: AgendaInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/agenda', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  reschedule: ({ meetingId, ...body }: RescheduleInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/reschedule', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  cancel: ({ meetingId, ...body }: CancelInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/cancel', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  start: ({ meetingId, ...body }: StartInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/start', { ...path(meetingId), body: { ...body, commandId } }),
    ),

  guardianStatement: ({ meetingId, ...body }: GuardianStatementInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/guardian-statements', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  perspective: ({ meetingId, ...body }: TextInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/perspectives', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  sharedUnderstanding: ({ meetingId, ...body }: TextInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/shared-understanding', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  childsVoice: ({ meetingId, ...body }: ChildsVoiceInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/childs-voice', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  decision: ({ meetingId, ...body }: DecisionInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/decisions', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  evaluate: ({ meetingId, ...body }: EvaluationInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/evaluations', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  end: ({ meetingId, ...body }: EndInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/end', { ...path(meetingId), body: { ...body, commandId } }),
    ),

  ettermote: ({ meetingId, ...body }: EttermoteInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/ettermote', {
        ...path(meetingId),
        body: { ...body, commandId },
      }),
    ),

  resolveFollowUp: ({ meetingId, decisionId, ...body }: ResolveInput, commandId: string) =>
    answer(
      api.POST('/meetings/{meetingId}/decisions/{decisionId}/follow-up/resolve', {
        params: { path: { meetingId, decisionId } },
        body: { ...body, commandId },
      }),
    ),
};
