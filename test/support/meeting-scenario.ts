import { randomUUID } from 'node:crypto';
import { expectStatus, type ApiResponse } from './api-client';
import { aYearFrom, openedLog, type Scenario } from './scenario';

/**
 * A log open at level 2 in which helsestasjon (Kari, the stafettholder) and barnehage take part,
 * under a consent valid for a year from `validFrom`.
 */
export async function logWithBarnehage(s: Scenario, validFrom: string): Promise<string> {
  const { logId } = await openedLog(s, {
    validFrom,
    validUntil: aYearFrom(validFrom),
    level: 2,
    services: ['helsestasjon', 'barnehage'],
    categories: ['health', 'kindergarten_situation'],
  });
  expectStatus(
    await s.kari.post(`/stafettlogger/${logId}/services`, { serviceId: 'barnehage' }),
    201,
  );
  return logId;
}

/** A measure decision for barnehage (Per), with the goal given. */
export const measureDecision = (logId: string, goal: string, startDate: string) => ({
  decisionId: randomUUID(),
  kind: 'measure',
  logId,
  goal,
  startDate,
  text: goal,
  responsibleStaffId: 'staff-per',
  responsibleServiceId: 'barnehage',
  deadline: startDate,
});

/** Kari schedules a video meeting about the log, with the barnehage and the mother invited. */
export function scheduleVideoMeeting(
  s: Scenario,
  logId: string,
  meetingId: string,
  startsAt: string,
): Promise<ApiResponse> {
  return s.kari.post('/meetings', {
    meetingId,
    logIds: [logId],
    startsAt,
    durationMinutes: 60,
    location: { kind: 'video' },
    invitedServices: ['barnehage'],
    invitedGuardians: [s.motherId],
  });
}

/**
 * A samordningsmøte today, chaired by Kari, started with the mother present, the guardians heard and
 * the child's voice recorded — then each decision recorded. Returns the meeting and the last answer.
 */
export async function meetingWithDecisions(
  s: Scenario,
  logId: string,
  startsAt: string,
  decisions: readonly Record<string, unknown>[],
): Promise<{ meetingId: string; last: ApiResponse }> {
  const meetingId = randomUUID();
  const M = `/meetings/${meetingId}`;
  expectStatus(await scheduleVideoMeeting(s, logId, meetingId, startsAt), 201);
  expectStatus(
    await s.kari.post(`${M}/start`, {
      attendance: [
        { kind: 'guardian', guardianId: s.motherId, mode: 'digital' },
        { kind: 'staff', staffId: 'staff-kari', serviceId: 'helsestasjon', mode: 'present' },
      ],
    }),
    201,
  );
  expectStatus(await s.mother.post(`${M}/guardian-statements`, { text: 'Vi vil ha hjelp' }), 201);
  let last = expectStatus(
    await s.kari.post(`${M}/childs-voice`, { heard: false, reasonNotHeard: 'For liten' }),
    201,
  );
  for (const decision of decisions)
    last = expectStatus(await s.kari.post(`${M}/decisions`, decision), 201);
  return { meetingId, last };
}
