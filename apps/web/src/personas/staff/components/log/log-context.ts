import type { FamilyRegister, Me } from '../../../../shared/api/reads';
import type { InformationCategory, Municipality, StaffConsent, StaffLog } from '../../reads';
import { today } from '../dates';
import { namesOf, type Names } from '../names';

/** Everything a part of the log's page needs: the log, who is looking, and the names. */
export interface LogContext {
  readonly log: StaffLog;
  readonly municipality: Municipality;
  readonly family: FamilyRegister | undefined;
  readonly me: Me;
  readonly names: Names;
  readonly childName: string | null;
}

/** Given, and within its validity today: the same rule the API applies. */
export function isActive(consent: StaffConsent, day = today()): boolean {
  return (
    consent.status === 'given' &&
    consent.validFrom !== null &&
    consent.validUntil !== null &&
    consent.validFrom <= day &&
    day <= consent.validUntil
  );
}

export const activeConsents = (log: StaffLog): StaffConsent[] =>
  log.consents.filter((c) => isActive(c));

/** Does an active consent name this service (and this kind of information)? */
export function covers(log: StaffLog, serviceId: string, category?: InformationCategory): boolean {
  return activeConsents(log).some(
    (c) =>
      c.scope.services.includes(serviceId) &&
      (category === undefined || c.scope.categories.includes(category)),
  );
}

/** What the signed-in person may do in this log, as the API will decide it. */
export function abilitiesOf(ctx: Pick<LogContext, 'log' | 'me'>) {
  const { log, me } = ctx;
  const service = me.serviceId ?? '';
  const open = log.status === 'open';
  const participating = log.services.some((s) => s.serviceId === service);
  const covered = covers(log, service);
  const holder =
    log.stafettholder !== null &&
    log.stafettholder.staffId === me.subject &&
    log.stafettholder.serviceId === service;
  const offeredToMe =
    log.pendingHandover !== null &&
    log.pendingHandover.staffId === me.subject &&
    log.pendingHandover.serviceId === service;
  const mayAct = open && participating && covered;
  return {
    holder,
    offeredToMe,
    /** Entries, measures, services, consent requests. */
    mayAct,
    /** The baton, the level: the holder or a coordinator. */
    maySteer: mayAct && (holder || me.role === 'coordinator'),
  };
}

export const contextOf = (
  log: StaffLog,
  municipality: Municipality,
  family: FamilyRegister | undefined,
  me: Me,
): LogContext => ({
  log,
  municipality,
  family,
  me,
  names: namesOf(municipality),
  childName: family?.subjects[log.subjectId]?.personal.name ?? null,
});
