import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { answer, answerAs, api } from '../../shared/api/client';
import type { components } from '../../shared/api/openapi';
import type { FamilyRegister } from '../../shared/api/reads';
import { ownWrites, useCommand, type CommandResponse } from '../../shared/api/use-command';
import { useMe } from '../../shared/auth/use-me';
import type {
  Concern,
  DocumentPage,
  LogSummary,
  Municipality,
  Referral,
  StaffLog,
  Team,
  Worklist,
} from './reads';

type Schemas = components['schemas'];
/** A command's body as the API describes it, without the commandId useCommand adds. */
type Body<Name extends keyof Schemas> = Omit<Schemas[Name], 'commandId'>;
type Options<Input> = { onSuccess?: (result: CommandResponse, input: Input) => void };

// ---- Reads ----------------------------------------------------------------------------------

/** `GET /me/worklist`: where staff start. */
export function useWorklist() {
  return useQuery({
    queryKey: ['staff', 'worklist'],
    queryFn: () => answerAs<Worklist>(api.GET('/me/worklist', { params: { query: ownWrites() } })),
  });
}

/**
 * The signed-in person's municipality (services, staff, handlingsveileder, service catalogue), with
 * who they are (`me`), as one read to wait for.
 */
export function useMunicipality() {
  const me = useMe();
  const municipalityId = me.data?.municipalityId ?? null;
  const query = useQuery({
    queryKey: ['staff', 'municipality', municipalityId],
    enabled: municipalityId !== null,
    staleTime: 5 * 60_000,
    queryFn: () =>
      answerAs<Municipality>(
        api.GET('/municipalities/{municipalityId}', {
          params: { path: { municipalityId: municipalityId ?? '' }, query: ownWrites() },
        }),
      ),
  });
  return {
    data: query.data,
    me: me.data,
    isPending: me.isPending || query.isPending,
    isError: me.isError || query.isError,
    error: me.error ?? query.error,
    refetch: () => (me.isError ? me.refetch() : query.refetch()),
  };
}

/** `GET /concerns?status=open`: your service's concerns still being clarified. */
export function useOpenConcerns() {
  return useQuery({
    queryKey: ['staff', 'concerns', 'open'],
    queryFn: () =>
      answerAs<DocumentPage<Concern>>(
        api.GET('/concerns', { params: { query: { status: 'open', limit: 100, ...ownWrites() } } }),
      ),
  });
}

export function useConcern(concernId: string) {
  return useQuery({
    queryKey: ['staff', 'concern', concernId],
    queryFn: () =>
      answerAs<Concern>(
        api.GET('/concerns/{concernId}', {
          params: { path: { concernId }, query: ownWrites() },
        }),
      ),
  });
}

/** `GET /families/:id`: the register (names of the child and the guardians). Logged as a read. */
export function useFamily(familyId: string | null) {
  return useQuery({
    queryKey: ['staff', 'family', familyId],
    enabled: familyId !== null,
    queryFn: () =>
      answerAs<FamilyRegister>(
        api.GET('/families/{familyId}', {
          params: { path: { familyId: familyId ?? '' }, query: ownWrites() },
        }),
      ),
  });
}

/** `GET /stafettlogger?familyId=`: the family's logs your service may see. */
export function useFamilyLogs(familyId: string | null) {
  return useQuery({
    queryKey: ['staff', 'family-logs', familyId],
    enabled: familyId !== null,
    queryFn: () =>
      answerAs<DocumentPage<LogSummary>>(
        api.GET('/stafettlogger', {
          params: { query: { familyId: familyId ?? '', ...ownWrites() } },
        }),
      ),
  });
}

export function useLog(logId: string | null) {
  return useQuery({
    queryKey: ['staff', 'log', logId],
    enabled: logId !== null,
    queryFn: () =>
      answerAs<StaffLog>(
        api.GET('/stafettlogger/{logId}', {
          params: { path: { logId: logId ?? '' }, query: ownWrites() },
        }),
      ),
  });
}

/**
 * The log's older entries, a page at a time on request (`?entriesBefore=` the view's `olderEntries`
 * cursor): the log itself brings its newest 100. Each page is a read of the case like any other.
 */
export function useOlderEntries(logId: string, cursor: string | null) {
  return useInfiniteQuery({
    queryKey: ['staff', 'log', logId, 'older', cursor],
    enabled: false,
    initialPageParam: cursor,
    queryFn: ({ pageParam }) =>
      answerAs<StaffLog>(
        api.GET('/stafettlogger/{logId}', {
          params: { path: { logId }, query: { entriesBefore: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (page) => page.olderEntries,
  });
}

/** `GET /arenas`: the municipality's teams and their intake criteria. */
export function useTeams() {
  return useQuery({
    queryKey: ['staff', 'teams'],
    queryFn: () =>
      answerAs<DocumentPage<Team>>(
        api.GET('/arenas', { params: { query: { limit: 100, ...ownWrites() } } }),
      ),
  });
}

export function useTeam(arenaId: string) {
  return useQuery({
    queryKey: ['staff', 'team', arenaId],
    queryFn: () =>
      answerAs<Team>(
        api.GET('/arenas/{arenaId}', { params: { path: { arenaId }, query: ownWrites() } }),
      ),
  });
}

/** A team's intake queue: for its member services only. */
export function useReferrals(arenaId: string) {
  return useQuery({
    queryKey: ['staff', 'referrals', arenaId],
    queryFn: () =>
      answerAs<DocumentPage<Referral>>(
        api.GET('/arenas/{arenaId}/referrals', {
          params: { path: { arenaId }, query: { status: 'pending', ...ownWrites() } },
        }),
      ),
  });
}

// ---- Commands (each with its commandId: one per intended change, the same on a retry) ----------

export const useRegisterFamily = (options?: Options<Body<'RegisterFamilyDto'>>) =>
  useCommand(
    (body: Body<'RegisterFamilyDto'>, commandId) =>
      answer(api.POST('/families', { body: { ...body, commandId } })),
    options,
  );

type AddSubject = Body<'AddSubjectDto'> & { familyId: string };
export const useAddSubject = (options?: Options<AddSubject>) =>
  useCommand(
    ({ familyId, ...body }: AddSubject, commandId) =>
      answer(
        api.POST('/families/{familyId}/subjects', {
          params: { path: { familyId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

type AddGuardian = Body<'AddGuardianDto'> & { familyId: string };
export const useAddGuardian = (options?: Options<AddGuardian>) =>
  useCommand(
    ({ familyId, ...body }: AddGuardian, commandId) =>
      answer(
        api.POST('/families/{familyId}/guardians', {
          params: { path: { familyId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useNoteConcern = (options?: Options<Body<'NoteConcernDto'>>) =>
  useCommand(
    (body: Body<'NoteConcernDto'>, commandId) =>
      answer(api.POST('/concerns', { body: { ...body, commandId } })),
    options,
  );

type RecordTalk = Body<'RecordConcernTalkDto'> & { concernId: string };
export const useRecordTalk = (options?: Options<RecordTalk>) =>
  useCommand(
    ({ concernId, ...body }: RecordTalk, commandId) =>
      answer(
        api.POST('/concerns/{concernId}/talks', {
          params: { path: { concernId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

type DecideConcern = Body<'DecideConcernDto'> & { concernId: string };
export const useDecideConcern = (options?: Options<DecideConcern>) =>
  useCommand(
    ({ concernId, ...body }: DecideConcern, commandId) =>
      answer(
        api.POST('/concerns/{concernId}/decision', {
          params: { path: { concernId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useStartLog = (options?: Options<Body<'StartStafettloggDto'>>) =>
  useCommand(
    (body: Body<'StartStafettloggDto'>, commandId) =>
      answer(api.POST('/stafettlogger', { body: { ...body, commandId } })),
    options,
  );

type InLog<Name extends keyof Schemas> = Body<Name> & { logId: string };

export const useRequestConsent = (options?: Options<InLog<'RequestConsentDto'>>) =>
  useCommand(
    ({ logId, ...body }: InLog<'RequestConsentDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/consents', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

type GiveConsent = InLog<'GiveConsentDto'> & { consentId: string };
export const useGiveConsentOnPaper = (options?: Options<GiveConsent>) =>
  useCommand(
    ({ logId, consentId, ...body }: GiveConsent, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/consents/{consentId}/give', {
          params: { path: { logId, consentId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useOpenLog = (options?: Options<InLog<'OpenStafettloggDto'>>) =>
  useCommand(
    ({ logId, ...body }: InLog<'OpenStafettloggDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/open', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useJoinService = (options?: Options<InLog<'JoinServiceDto'>>) =>
  useCommand(
    ({ logId, ...body }: InLog<'JoinServiceDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/services', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useAddEntry = (options?: Options<InLog<'AddEntryDto'>>) =>
  useCommand(
    ({ logId, ...body }: InLog<'AddEntryDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/entries', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const usePlanMeasure = (options?: Options<InLog<'PlanMeasureDto'>>) =>
  useCommand(
    ({ logId, ...body }: InLog<'PlanMeasureDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/measures', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

type MeasureStep<Name extends keyof Schemas> = InLog<Name> & { measureId: string };

export const useStartMeasure = (options?: Options<MeasureStep<'StartMeasureDto'>>) =>
  useCommand(
    ({ logId, measureId, ...body }: MeasureStep<'StartMeasureDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/measures/{measureId}/start', {
          params: { path: { logId, measureId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useEvaluateMeasure = (options?: Options<MeasureStep<'EvaluateMeasureDto'>>) =>
  useCommand(
    ({ logId, measureId, ...body }: MeasureStep<'EvaluateMeasureDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/measures/{measureId}/evaluate', {
          params: { path: { logId, measureId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useEndMeasure = (options?: Options<MeasureStep<'EndMeasureDto'>>) =>
  useCommand(
    ({ logId, measureId, ...body }: MeasureStep<'EndMeasureDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/measures/{measureId}/end', {
          params: { path: { logId, measureId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useOfferHandover = (options?: Options<InLog<'OfferHandoverDto'>>) =>
  useCommand(
    ({ logId, ...body }: InLog<'OfferHandoverDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/handover/offer', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

/** Accept or decline the baton offered to you. */
export const useAnswerHandover = (
  options?: Options<{ logId: string; answer: 'accept' | 'decline' }>,
) =>
  useCommand(
    ({ logId, answer: choice }: { logId: string; answer: 'accept' | 'decline' }, commandId) =>
      answer(
        choice === 'accept'
          ? api.POST('/stafettlogger/{logId}/handover/accept', {
              params: { path: { logId } },
              body: { commandId },
            })
          : api.POST('/stafettlogger/{logId}/handover/decline', {
              params: { path: { logId } },
              body: { commandId },
            }),
      ),
    options,
  );

type Refer = Body<'ReferCaseDto'> & { arenaId: string };
export const useReferCase = (options?: Options<Refer>) =>
  useCommand(
    ({ arenaId, ...body }: Refer, commandId) =>
      answer(
        api.POST('/arenas/{arenaId}/referrals', {
          params: { path: { arenaId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

type AnswerReferral =
  | ({ arenaId: string; referralId: string; answer: 'accept' } & Body<'AcceptReferralDto'>)
  | ({ arenaId: string; referralId: string; answer: 'decline' } & Body<'DeclineReferralDto'>);
export const useAnswerReferral = (options?: Options<AnswerReferral>) =>
  useCommand((input: AnswerReferral, commandId) => {
    const path = { arenaId: input.arenaId, referralId: input.referralId };
    if (input.answer === 'accept')
      return answer(
        api.POST('/arenas/{arenaId}/referrals/{referralId}/accept', {
          params: { path },
          body: { commandId, note: input.note },
        }),
      );
    return answer(
      api.POST('/arenas/{arenaId}/referrals/{referralId}/decline', {
        params: { path },
        body: { commandId, reason: input.reason },
      }),
    );
  }, options);

export const useChangeLevel = (options?: Options<InLog<'ChangeLevelDto'>>) =>
  useCommand(
    ({ logId, ...body }: InLog<'ChangeLevelDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/level', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useAssignSamordningsansvar = (
  options?: Options<InLog<'AssignSamordningsansvarDto'>>,
) =>
  useCommand(
    ({ logId, ...body }: InLog<'AssignSamordningsansvarDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/samordningsansvar', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );

export const useCloseLog = (options?: Options<InLog<'CloseStafettloggDto'>>) =>
  useCommand(
    ({ logId, ...body }: InLog<'CloseStafettloggDto'>, commandId) =>
      answer(
        api.POST('/stafettlogger/{logId}/close', {
          params: { path: { logId } },
          body: { ...body, commandId },
        }),
      ),
    options,
  );
