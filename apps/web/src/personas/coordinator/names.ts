import { useMunicipality } from './api';
import type { StaffRef } from './reads';

/** People and services by name, from the municipality's register (the id while it loads). */
export function useNames() {
  const { municipality } = useMunicipality();
  const register = municipality.data;
  return {
    staff: (ref: StaffRef) => register?.staff[ref.staffId]?.displayName ?? ref.staffId,
    service: (serviceId: string) => register?.services[serviceId]?.name ?? serviceId,
  };
}
