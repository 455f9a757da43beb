import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { answer, answerAs, api } from '../../shared/api/client';
import type {
  AccessLogItem,
  DocumentPage,
  FamilyRegister,
  LogView,
  MeetingSummary,
  MeetingView,
  MyChildren,
  Page,
} from '../../shared/api/reads';
import { ownWrites, useCommand } from '../../shared/api/use-command';
import { useSession } from '../../shared/auth/auth';
import { useMe } from '../../shared/auth/use-me';

/** `GET /me/children`: where a family starts. */
export function useMyChildren() {
  return useQuery({
    queryKey: ['me', 'children'],
    queryFn: () =>
      answerAs<MyChildren>(api.GET('/me/children', { params: { query: ownWrites() } })),
  });
}

const logQuery = (logId: string) => ({
  queryKey: ['log', logId],
  queryFn: () =>
    answerAs<LogView>(
      api.GET('/stafettlogger/{logId}', {
        params: { path: { logId }, query: { entriesLimit: 200, ...ownWrites() } },
      }),
    ),
});

/** `GET /stafettlogger/:id`: the log as the family may see it. */
export const useLog = (logId: string) => useQuery(logQuery(logId));
export const useLogs = (logIds: readonly string[]) =>
  useQueries({ queries: logIds.map((logId) => logQuery(logId)) });

/** `GET /families/:id`: who is in the family (to know which guardian is signed in). */
export function useFamily(familyId: string) {
  return useQuery({
    queryKey: ['family', familyId],
    queryFn: () =>
      answerAs<FamilyRegister>(
        api.GET('/families/{familyId}', {
          params: { path: { familyId }, query: ownWrites() },
        }),
      ),
  });
}

/** The signed-in guardian's own id in the family (null for a young person). */
export function useMyGuardianId(familyId: string): string | null {
  const session = useSession();
  const family = useFamily(familyId);
  const me = useMe();
  if (session.role !== 'guardian' || !family.data || !me.data) return null;
  const subject = me.data.subject;
  return (
    Object.values(family.data.guardians).find((g) => g.identitySubject === subject)?.guardianId ??
    null
  );
}

/** `GET /meetings?familyId=`: the family's samordningsmøter, soonest first. */
export function useFamilyMeetings(familyId: string) {
  return useQuery({
    queryKey: ['meetings', familyId],
    queryFn: () =>
      answerAs<DocumentPage<MeetingSummary>>(
        api.GET('/meetings', { params: { query: { familyId, limit: 100, ...ownWrites() } } }),
      ),
  });
}

/** `GET /meetings/:id`: one meeting as the family sees it. */
export function useMeeting(meetingId: string | null) {
  return useQuery({
    queryKey: ['meeting', meetingId],
    enabled: meetingId !== null,
    queryFn: () =>
      answerAs<MeetingView>(
        api.GET('/meetings/{meetingId}', {
          params: { path: { meetingId: meetingId ?? '' }, query: ownWrites() },
        }),
      ),
  });
}

/** `GET /families/:id/access-log`: who outside the family has read the child's case, newest first. */
export function useAccessLog(familyId: string) {
  return useInfiniteQuery({
    queryKey: ['access-log', familyId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      answerAs<Page<AccessLogItem>>(
        api.GET('/families/{familyId}/access-log', {
          params: { path: { familyId }, query: { limit: 50, after: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export interface VoiceInput {
  readonly logId: string;
  readonly entryId: string;
  readonly kind: 'guardians_voice' | 'childs_voice';
  readonly category: LogView['entries'][number]['category'];
  readonly text: string;
}

/** The family's own words in the log, shared with the family. */
export const useAddVoice = () =>
  useCommand((input: VoiceInput, commandId) =>
    answer(
      api.POST('/stafettlogger/{logId}/entries', {
        params: { path: { logId: input.logId } },
        body: {
          commandId,
          entryId: input.entryId,
          kind: input.kind,
          category: input.category,
          sharedWithGuardians: true,
          text: input.text,
        },
      }),
    ),
  );

export type ConsentAnswer =
  | {
      readonly act: 'give';
      readonly logId: string;
      readonly consentId: string;
      readonly validFrom: string;
      readonly validUntil: string;
    }
  | {
      readonly act: 'refuse';
      readonly logId: string;
      readonly consentId: string;
      readonly reason: string;
    }
  | { readonly act: 'withdraw'; readonly logId: string; readonly consentId: string };

/** Give, refuse or withdraw a consent, as the guardian (or the young person) for themself. */
export const useConsentAnswer = () =>
  useCommand((input: ConsentAnswer, commandId) => {
    const path = { logId: input.logId, consentId: input.consentId };
    switch (input.act) {
      case 'give':
        return answer(
          api.POST('/stafettlogger/{logId}/consents/{consentId}/give', {
            params: { path },
            body: { commandId, validFrom: input.validFrom, validUntil: input.validUntil },
          }),
        );
      case 'refuse':
        return answer(
          api.POST('/stafettlogger/{logId}/consents/{consentId}/refuse', {
            params: { path },
            body: { commandId, ...(input.reason.trim() ? { reason: input.reason.trim() } : {}) },
          }),
        );
      case 'withdraw':
        return answer(
          api.POST('/stafettlogger/{logId}/consents/{consentId}/withdraw', {
            params: { path },
            body: { commandId },
          }),
        );
    }
  });

/** A point the family wants to talk about at the next meeting. */
export const useAddAgendaItem = () =>
  useCommand((input: { meetingId: string; itemId: string; text: string }, commandId) =>
    answer(
      api.POST('/meetings/{meetingId}/agenda', {
        params: { path: { meetingId: input.meetingId } },
        body: { commandId, itemId: input.itemId, text: input.text },
      }),
    ),
  );

export interface MeetingEvaluation {
  readonly meetingId: string;
  readonly coordination: number;
  readonly beingHeard: number;
  readonly usefulness: number;
  readonly comment: string;
}

/** The family's view of a meeting that was held: three answers from 1 to 5, and words if they like. */
export const useEvaluateMeeting = () =>
  useCommand((input: MeetingEvaluation, commandId) =>
    answer(
      api.POST('/meetings/{meetingId}/evaluations', {
        params: { path: { meetingId: input.meetingId } },
        body: {
          commandId,
          coordination: input.coordination,
          beingHeard: input.beingHeard,
          usefulness: input.usefulness,
          ...(input.comment.trim() ? { comment: input.comment.trim() } : {}),
        },
      }),
    ),
  );
