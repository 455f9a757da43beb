import { PERSONA_BASE_PATHS } from '../../shared/paths';

const base = PERSONA_BASE_PATHS.guardian;

/** The guardian persona's addresses (under /foresatt). */
export const guardianPaths = {
  start: base,
  log: (logId: string) => `${base}/logg/${logId}`,
  meeting: (meetingId: string) => `${base}/mote/${meetingId}`,
  accessLog: (familyId: string) => `${base}/familie/${familyId}/innsyn`,
};
