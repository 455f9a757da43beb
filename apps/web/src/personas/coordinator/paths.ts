import { PERSONA_BASE_PATHS } from '../../shared/paths';

const BASE = PERSONA_BASE_PATHS.coordinator;

/** The steps of a running samordningsmøte, in Vestre Toten's order (UX.md). */
export const STEP_IDS = [
  'attendance',
  'guardians',
  'services',
  'child',
  'decisions',
  'evaluation',
  'end',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** Each step's address (`?steg=`), in Norwegian like the rest of the app's paths. */
export const STEP_SLUGS: Readonly<Record<StepId, string>> = {
  attendance: 'oppmote',
  guardians: 'foresatte',
  services: 'tjenestene',
  child: 'barnet',
  decisions: 'beslutninger',
  evaluation: 'vurdering',
  end: 'avslutning',
};

export const stepOfSlug = (slug: string | null): StepId | null =>
  STEP_IDS.find((id) => STEP_SLUGS[id] === slug) ?? null;

/** The coordinator's addresses, under the persona's section. */
export const coordinatorPaths = {
  worklist: BASE,
  followUps: `${BASE}/oppfolging`,
  family: (familyId: string) => `${BASE}/familie/${familyId}`,
  schedule: (familyId: string, logId?: string) =>
    `${BASE}/familie/${familyId}/nytt-mote${logId ? `?logg=${logId}` : ''}`,
  meeting: (meetingId: string, step?: StepId) =>
    `${BASE}/mote/${meetingId}${step ? `?steg=${STEP_SLUGS[step]}` : ''}`,
  evaluation: (meetingId: string) => `${BASE}/mote/${meetingId}/vurdering`,
};

/** Where a guardian evaluates the meeting on their own phone (the guardian persona's meeting page). */
export const guardianMeetingLink = (origin: string, meetingId: string) =>
  `${origin}${PERSONA_BASE_PATHS.guardian}/mote/${meetingId}#vurdering`;
