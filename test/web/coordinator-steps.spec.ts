import type { Attendee, CoordinatorMeeting } from '../../apps/web/src/personas/coordinator/reads';
import {
  currentStep,
  guardiansMustSpeakFirst,
  mayEnd,
  meetingSteps,
  nextStep,
} from '../../apps/web/src/personas/coordinator/steps';

const staff = { staffId: 'coord-anne', serviceId: 'helsestasjon', name: 'Anne', serviceName: 'HS' };
const guardian = (mode: Attendee['mode']): Attendee => ({
  kind: 'guardian',
  guardianId: 'g1',
  name: 'Kari',
  mode,
});

function meeting(change: Partial<CoordinatorMeeting> = {}): CoordinatorMeeting {
  return {
    meetingId: 'm1',
    municipalityId: 'vestre-toten',
    familyId: 'f1',
    logIds: ['l1'],
    status: 'started',
    startsAt: '2026-11-30T08:00:00.000Z',
    durationMinutes: 60,
    location: { kind: 'place', place: 'Helsestasjonen' },
    chair: staff,
    invitedServices: [],
    invitedGuardians: [{ guardianId: 'g1', name: 'Kari' }],
    invitedYouth: [],
    agenda: [],
    attendance: [
      guardian('present'),
      { ...staff, kind: 'staff', mode: 'present', decisionAuthority: true },
    ],
    guardianStatements: [],
    perspectives: [],
    sharedUnderstanding: [],
    childsVoice: null,
    decisions: [],
    evaluations: [],
    ettermote: null,
    nextMeetingDate: null,
    endedAt: null,
    cancellation: null,
    hiddenServices: [],
    revision: null,
    scheduleSequence: 0,
    ...change,
  };
}

const heard = {
  guardianStatements: [
    {
      speakers: ['g1'],
      text: 'Vi er slitne',
      recordedBy: { kind: 'staff' as const, ...staff },
      at: '2026-11-30T08:05:00.000Z',
    },
  ],
};
const locked = (m: CoordinatorMeeting) =>
  meetingSteps(m)
    .filter((s) => s.locked)
    .map((s) => s.id);

/**
 * The guided meeting's order (UX.md, R-MTG-2): with guardians at the table, nothing after their turn
 * can be opened — not by the step list, not by the address — until what they said is recorded.
 */
describe('the coordinator’s guided meeting', () => {
  it('keeps every step after the guardians’ turn closed while guardians attend and have not spoken', () => {
    const m = meeting();
    expect(guardiansMustSpeakFirst(m)).toBe(true);
    expect(locked(m)).toEqual(['services', 'child', 'decisions', 'evaluation', 'end']);
    for (const asked of ['services', 'child', 'decisions', 'evaluation', 'end'] as const)
      expect(currentStep(m, asked)).toBe('guardians');
    expect(currentStep(m, null)).toBe('guardians');
  });

  it('counts a guardian on video as attending, and one absent as not', () => {
    expect(guardiansMustSpeakFirst(meeting({ attendance: [guardian('digital')] }))).toBe(true);
    const absent = meeting({ attendance: [guardian('absent')] });
    expect(guardiansMustSpeakFirst(absent)).toBe(false);
    expect(locked(absent)).toEqual([]);
    expect(meetingSteps(absent).find((s) => s.id === 'guardians')?.done).toBe(true);
    expect(currentStep(absent, null)).toBe('services');
  });

  it('opens the later steps once the guardians have been heard, and goes to the first one not done', () => {
    const m = meeting(heard);
    expect(locked(m)).toEqual([]);
    expect(currentStep(m, null)).toBe('services');
    expect(currentStep(m, 'decisions')).toBe('decisions');
    expect(nextStep('guardians')).toBe('services');
    expect(nextStep('end')).toBeNull();
  });

  it('lets the meeting end only once the child’s voice (or why not) is recorded', () => {
    expect(mayEnd(meeting(heard))).toBe(false);
    const withVoice = meeting({
      ...heard,
      childsVoice: {
        heard: false,
        text: null,
        reasonNotHeard: 'For liten',
        by: staff,
        at: '2026-11-30T08:20:00.000Z',
      },
    });
    expect(mayEnd(withVoice)).toBe(true);
    expect(meetingSteps(withVoice).find((s) => s.id === 'child')?.done).toBe(true);
  });
});
