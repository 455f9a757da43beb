import type { Actor } from '../shared/actor';
import type { Given } from '../shared/decider';
import {
  meetingDecider,
  type Attendee,
  type MeetingCommand,
  type MeetingEvent,
  type MeetingFacts,
  type MeetingLogFacts,
  type ScheduleMeeting,
} from '../meeting';
import { deciderSpec } from './decider-spec';
import { AT, facts as logFacts, M, rules } from './stafettlogg-fixtures';

/**
 * One meeting about the child's log l1: helsestasjon chairs (the coordinator `koord`), barnehage is
 * invited, barnevern takes part in the log hidden, NAV is outside the consent; the mother and father
 * are invited.
 */
export const MEETING_AT = AT;
export const STARTS_AT = '2026-03-20T13:00:00.000Z';

export const log1: MeetingLogFacts = {
  logId: 'l1',
  familyId: 'f1',
  subjectId: 'c1',
  municipalityId: M,
  status: 'open',
  consents: [
    {
      status: 'given',
      scope: {
        services: ['helsestasjon', 'barnehage', 'barnevern'],
        categories: ['health', 'kindergarten_situation'],
      },
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
    },
  ],
  services: {
    helsestasjon: { hidden: false },
    barnehage: { hidden: false },
    barnevern: { hidden: true },
  },
  rules,
};

export const meetingFacts: MeetingFacts = {
  municipality: logFacts.municipality,
  family: logFacts.family,
  logs: { l1: log1 },
};

const staff = (subject: string, serviceId: string, role: 'staff' | 'coordinator' = 'staff') =>
  ({ subject, role, municipalityId: M, serviceId }) satisfies Actor;
export const chair = staff('koord', 'helsestasjon', 'coordinator');
export const kari = staff('kari', 'helsestasjon');
export const per = staff('per', 'barnehage');
export const bv = staff('bv1', 'barnevern');
export const nav = staff('x', 'nav');
export const mother: Actor = {
  subject: 'idp|mor',
  role: 'guardian',
  municipalityId: null,
  serviceId: null,
};
export const stranger: Actor = { ...mother, subject: 'idp|stranger' };

export const schedule = (overrides: Partial<ScheduleMeeting> = {}): ScheduleMeeting => ({
  type: 'ScheduleMeeting',
  meetingId: 'm1',
  logIds: ['l1'],
  startsAt: STARTS_AT,
  durationMinutes: 60,
  location: { kind: 'place', place: 'Raufoss helsestasjon, møterom 2' },
  chair: null,
  invitedServices: ['barnehage', 'barnevern'],
  invitedGuardians: ['g1', 'g2'],
  invitedYouth: [],
  agenda: [{ itemId: 'a1', text: 'Hvordan har Ola det i barnehagen?' }],
  ...overrides,
});

export const spec = deciderSpec(meetingDecider, {
  by: chair,
  at: MEETING_AT,
  facts: meetingFacts,
});

/** The events of one decision, the way the decider wrote them. */
export function decide(
  history: readonly MeetingEvent[],
  command: MeetingCommand,
  given: Partial<Given<MeetingFacts>> = {},
): MeetingEvent[] {
  return spec.given(history).when(command, given).events();
}

export const attendance = (mode: Attendee['mode'] = 'present'): Attendee[] => [
  { kind: 'guardian', guardianId: 'g1', mode },
  { kind: 'guardian', guardianId: 'g2', mode: 'absent' },
  {
    kind: 'staff',
    staffId: 'koord',
    serviceId: 'helsestasjon',
    mode: 'present',
    decisionAuthority: true,
  },
  {
    kind: 'staff',
    staffId: 'per',
    serviceId: 'barnehage',
    mode: 'digital',
    decisionAuthority: false,
  },
  {
    kind: 'staff',
    staffId: 'bv1',
    serviceId: 'barnevern',
    mode: 'present',
    decisionAuthority: true,
  },
];

/** Scheduled, then started with the mother present. */
export function startedMeeting(mode: Attendee['mode'] = 'present'): MeetingEvent[] {
  const scheduled = decide([], schedule());
  return [
    ...scheduled,
    ...decide(scheduled, { type: 'StartMeeting', attendance: attendance(mode) }),
  ];
}
