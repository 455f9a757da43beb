import { PERSONA_BASE_PATHS } from '../../shared/paths';

const base = PERSONA_BASE_PATHS.staff;

/** The staff section's addresses (relative routes in routes.tsx, absolute links from here). */
export const STAFF_ROUTES = {
  newConcern: 'undring/ny',
  concern: 'undring/:concernId',
  log: 'logg/:logId',
  catalogue: 'katalog',
  team: 'team/:arenaId',
} as const;

export const staffPaths = {
  worklist: () => base,
  newConcern: () => `${base}/undring/ny`,
  concern: (concernId: string) => `${base}/undring/${concernId}`,
  log: (logId: string, tab?: LogTab) => `${base}/logg/${logId}${tab ? `?vis=${tab}` : ''}`,
  catalogue: (logId?: string) => `${base}/katalog${logId ? `?logg=${logId}` : ''}`,
  team: (arenaId: string) => `${base}/team/${arenaId}`,
};

/** The parts of a log's page, each one tab. */
export const LOG_TABS = ['innlegg', 'tiltak', 'stafett', 'samtykke'] as const;
export type LogTab = (typeof LOG_TABS)[number];
export const isLogTab = (value: unknown): value is LogTab =>
  typeof value === 'string' && (LOG_TABS as readonly string[]).includes(value);
