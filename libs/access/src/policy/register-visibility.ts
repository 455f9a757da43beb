import { isStaffRole, type Actor } from '@bti/domain';
import { ActionForbidden } from './access-denied';

/**
 * Staff of the family's municipality, the family's own guardians and — where the reader knows them —
 * the young people of the family signed in as themselves, may know a family; anyone else gets a 404.
 */
export function mayKnowFamily(
  actor: Actor,
  family: {
    readonly municipalityId: string;
    readonly guardians: readonly { readonly identitySubject: string }[];
    readonly youthSignIns?: readonly string[];
  },
): boolean {
  if (actor.role === 'guardian')
    return family.guardians.some((g) => g.identitySubject === actor.subject);
  if (actor.role === 'youth') return family.youthSignIns?.includes(actor.subject) ?? false;
  return isStaffRole(actor.role) && actor.municipalityId === family.municipalityId;
}

/**
 * A nivå-0 concern lives inside the service that noted it, before any consent: only that service, in
 * that municipality (service ids are chosen per municipality), may know it.
 */
export function mayKnowConcern(
  actor: Actor,
  concern: { readonly municipalityId: string; readonly serviceId: string },
): boolean {
  return (
    isStaffRole(actor.role) &&
    actor.municipalityId === concern.municipalityId &&
    actor.serviceId === concern.serviceId
  );
}

/** A municipality's own admin, staff and coordinators may read its register; others get a 404. */
export function mayKnowMunicipality(actor: Actor, municipalityId: string): boolean {
  return (
    (actor.role === 'admin' || isStaffRole(actor.role)) && actor.municipalityId === municipalityId
  );
}

/** Only a municipality's own admin sets it up; another municipality's admin gets a 403. */
export function mayAdministerMunicipality(actor: Actor, municipalityId: string): boolean {
  return actor.role === 'admin' && actor.municipalityId === municipalityId;
}

/**
 * Operations that touch the whole installation (rebuilding read models, statistics over every
 * municipality) belong to the configured operator; a municipality admin sees only its own share.
 */
export type InstallationScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'municipality'; readonly municipalityId: string }
  | null;

export function installationScope(actor: Actor): InstallationScope {
  if (actor.role === 'operator') return { kind: 'all' };
  if (actor.role === 'admin' && actor.municipalityId)
    return { kind: 'municipality', municipalityId: actor.municipalityId };
  return null;
}

/**
 * Who may see how a municipality's units use the stafettlogg (exact counts per service, no case
 * content): those who run its services — the admin and coordinators of that municipality. Another
 * municipality's admin or coordinator gets a 404. Analysts do not get this view at all (their role
 * is refused, 403): they read the metric tables only, whose one suppression pattern is decided over
 * the whole cube; a second publication with its own suppression let hidden cells be worked out.
 */
export function mayLeadMunicipality(actor: Actor, municipalityId: string): boolean {
  return (
    (actor.role === 'admin' || actor.role === 'coordinator') &&
    actor.municipalityId === municipalityId
  );
}

/** An area of the metric tables: the whole programme, a county (by name) or a municipality (by id). */
export interface MetricArea {
  readonly area: 'all' | 'county' | 'municipality';
  readonly areaId?: string;
}

/**
 * The metric tables' area this reader may read. Analysts read every area. The municipality's admin
 * and coordinators know its figures exactly (the use per service), so a county's or the programme's
 * cell minus theirs would give away another municipality's small cell: they read their own
 * municipality's tables only (403 NOT_YOUR_MUNICIPALITY for any other area — found from outside),
 * and by default.
 */
export function readableMetricArea(
  actor: Actor,
  asked: { area?: MetricArea['area']; areaId?: string },
): MetricArea {
  if (actor.role === 'analyst') return { area: asked.area ?? 'all', areaId: asked.areaId };
  const own = actor.municipalityId;
  const ownArea =
    (asked.area === undefined || asked.area === 'municipality') &&
    (asked.areaId === undefined || asked.areaId === own);
  if (own && ownArea) return { area: 'municipality', areaId: own };
  throw new ActionForbidden(
    'NOT_YOUR_MUNICIPALITY',
    'An admin or coordinator reads the metric tables of their own municipality only: its figures are known to them exactly, and subtracted from a county’s or the programme’s they would give away another municipality’s small cells',
  );
}

/**
 * Who may know an anonymous discussion: the service that asked it and the team's member services
 * when it was asked, in its municipality — to read it and to act on it alike (a non-member's advice
 * was 422 NOT_ARENA_MEMBER where its read was 404: found from outside).
 */
export function mayKnowDiscussion(
  actor: Actor,
  discussion: {
    readonly municipalityId: string;
    readonly askedByServiceId: string;
    readonly teamServices: readonly string[];
  },
): boolean {
  const own = actor.serviceId ?? '';
  return (
    actor.municipalityId === discussion.municipalityId &&
    (own === discussion.askedByServiceId || discussion.teamServices.includes(own))
  );
}
