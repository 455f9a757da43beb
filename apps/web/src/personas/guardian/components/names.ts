import type { MyChild, NamedStaff } from '../../../shared/api/reads';

/**
 * Names of the services and people around a child, from what the family's reads give: the services
 * taking part, who holds the baton, the next meeting's chair. A service the family has not met yet
 * (named in a new consent request) shows by its id until it joins.
 */
export function namesAround(children: readonly MyChild[]) {
  const services = new Map<string, string>();
  const staff = new Map<string, NamedStaff>();
  for (const child of children) {
    for (const log of child.logs) {
      for (const s of log.services) services.set(s.serviceId, s.serviceName);
      if (log.samordningsansvar)
        services.set(log.samordningsansvar.serviceId, log.samordningsansvar.serviceName);
      for (const person of [log.stafettholder, log.pendingHandover]) {
        if (!person) continue;
        staff.set(person.staffId, person);
        services.set(person.serviceId, person.serviceName);
      }
    }
    if (child.nextMeeting) {
      staff.set(child.nextMeeting.chair.staffId, child.nextMeeting.chair);
      services.set(child.nextMeeting.chair.serviceId, child.nextMeeting.chair.serviceName);
    }
  }
  return {
    service: (serviceId: string | null): string =>
      serviceId === null ? '' : (services.get(serviceId) ?? serviceId),
    staff: (staffId: string): NamedStaff | null => staff.get(staffId) ?? null,
  };
}

export type Names = ReturnType<typeof namesAround>;
