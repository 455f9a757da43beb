import type { Role } from '../../shared/paths';

/**
 * What each role of this persona may read, as the API decides it (docs/api.md, QUERY_ROLES): the
 * pages offer only these, and a 403 from the API is still shown in plain words.
 * - `GET /metrics…` and `/metrics/initiatives`: analyst, admin (and coordinator, who has a persona of
 *   their own). An admin or coordinator reads their own municipality's tables only: they know its
 *   figures exactly, and a county's or the programme's cell less theirs would give another away.
 * - `GET /municipalities/:id/use`: the municipality's own admin (and coordinators, who have a persona
 *   of their own). Not analysts: they read the metric tables only, one suppression pattern over the
 *   whole cube; a second publication with its own suppression let hidden cells be worked out.
 * - `GET /admin/event-types`: the operator (every municipality) and an admin (their own).
 * - The operator and the archive read no programme figures: the operator runs the installation, the
 *   archive takes closed logs whole; neither is a reader of statistics.
 */
export interface AnalystAccess {
  readonly metrics: boolean;
  /** The counts of events per type (`GET /admin/event-types`): the operator all, an admin their own. */
  readonly events: boolean;
  /** The municipality whose use per service the person may see, if any: an admin's own. */
  readonly useOf: string | null;
}

const METRIC_ROLES: readonly Role[] = ['analyst', 'admin'];

export function accessOf(role: Role, municipalityId: string | null): AnalystAccess {
  const metrics = METRIC_ROLES.includes(role);
  return {
    metrics,
    events: role === 'operator' || role === 'admin',
    useOf: role === 'admin' && municipalityId ? municipalityId : null,
  };
}

/** The persona's pages, relative to its section (/analyse). */
export const ANALYST_PATHS = {
  metrics: '',
  use: 'bruk',
  initiatives: 'satsinger',
  definitions: 'definisjoner',
  events: 'hendelser',
} as const;
