import type { FamilyRegister } from '../../../shared/api/reads';
import type { Municipality, StaffRef } from '../reads';

/** People and services by name, from the municipality's register (ids where a name is missing). */
export function namesOf(municipality: Municipality | undefined) {
  const service = (serviceId: string | null): string =>
    serviceId === null ? '' : (municipality?.services[serviceId]?.name ?? serviceId);
  const staff = (staffId: string): string => municipality?.staff[staffId]?.displayName ?? staffId;
  return {
    service,
    staff,
    /** "Kari (helsesykepleier), Helsestasjon Raufoss". */
    person: (ref: StaffRef): string => `${staff(ref.staffId)}, ${service(ref.serviceId)}`,
  };
}

export type Names = ReturnType<typeof namesOf>;

/** The child's name from the family register; null when it is not there (or erased). */
export function childNameOf(family: FamilyRegister | undefined, subjectId: string): string | null {
  return family?.subjects[subjectId]?.personal.name ?? null;
}
