import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { answerAs, api } from '../../shared/api/client';
import type { FamilyRegister } from '../../shared/api/reads';
import { ownWrites } from '../../shared/api/use-command';
import { useMe } from '../../shared/auth/use-me';
import type {
  CoordinatorMeeting,
  CoordinatorMeetingSummary,
  CoordinatorWorklist,
  DocumentPage,
  FollowUp,
  LogSummary,
  Minutes,
  MunicipalityRegister,
} from './reads';

/**
 * The coordinator's reads. Each passes `minPosition` (ownWrites) so a screen shows the person's own
 * last change. Reads of a family's case (a meeting, the family, its logs) go into the family's access
 * log, so they are made only on the screens that need them, never for a list.
 */

/** `GET /me/worklist`: not a read of any one family, so not in any access log. */
export function useWorklist() {
  return useQuery({
    queryKey: ['coordinator', 'worklist'],
    queryFn: () =>
      answerAs<CoordinatorWorklist>(api.GET('/me/worklist', { params: { query: ownWrites() } })),
  });
}

/** The signed-in person's municipality: its services and staff register, for names and choices. */
export function useMunicipality() {
  const me = useMe();
  const municipalityId = me.data?.municipalityId ?? null;
  const municipality = useQuery({
    queryKey: ['coordinator', 'municipality', municipalityId],
    enabled: municipalityId !== null,
    staleTime: 5 * 60_000,
    queryFn: () =>
      answerAs<MunicipalityRegister>(
        api.GET('/municipalities/{municipalityId}', {
          params: { path: { municipalityId: municipalityId ?? '' }, query: ownWrites() },
        }),
      ),
  });
  return { me, municipality };
}

export function useMeeting(meetingId: string) {
  return useQuery({
    queryKey: ['coordinator', 'meeting', meetingId],
    queryFn: () =>
      answerAs<CoordinatorMeeting>(
        api.GET('/meetings/{meetingId}', {
          params: { path: { meetingId }, query: ownWrites() },
        }),
      ),
  });
}

/** The referat in nynorsk when the coordinator works in nynorsk, else in bokmål (not in English). */
export function useMinutes(meetingId: string, enabled: boolean) {
  const { i18n } = useTranslation();
  const language = i18n.language === 'nn' ? 'nn' : 'nb';
  return useQuery({
    queryKey: ['coordinator', 'minutes', meetingId, language],
    enabled,
    queryFn: () =>
      answerAs<Minutes>(
        api.GET('/meetings/{meetingId}/minutes', {
          params: { path: { meetingId }, query: { ...ownWrites(), language } },
        }),
      ),
  });
}

export function useFamily(familyId: string, enabled = true) {
  return useQuery({
    queryKey: ['coordinator', 'family', familyId],
    enabled,
    queryFn: () =>
      answerAs<FamilyRegister>(
        api.GET('/families/{familyId}', { params: { path: { familyId }, query: ownWrites() } }),
      ),
  });
}

export function useFamilyLogs(familyId: string, enabled = true) {
  return useQuery({
    queryKey: ['coordinator', 'logs', familyId],
    enabled,
    queryFn: () =>
      answerAs<DocumentPage<LogSummary>>(
        api.GET('/stafettlogger', {
          params: { query: { familyId, limit: 50, ...ownWrites() } },
        }),
      ),
  });
}

export function useFamilyMeetings(familyId: string) {
  return useQuery({
    queryKey: ['coordinator', 'meetings', familyId],
    queryFn: () =>
      answerAs<DocumentPage<CoordinatorMeetingSummary>>(
        api.GET('/meetings', { params: { query: { familyId, limit: 50, ...ownWrites() } } }),
      ),
  });
}

/** `GET /meetings/follow-ups`: not recorded as a read of a family (it lists the chair's own work). */
export function useFollowUps() {
  return useQuery({
    queryKey: ['coordinator', 'follow-ups'],
    queryFn: () =>
      answerAs<DocumentPage<FollowUp>>(
        api.GET('/meetings/follow-ups', { params: { query: { limit: 100, ...ownWrites() } } }),
      ),
  });
}
