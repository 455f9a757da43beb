import type { StaffRole } from '@bti/domain';

/** A person in a municipality's staff register: the service they act for, their role, and whether active. */
export interface StaffRegistration {
  readonly staffId: string;
  readonly serviceId: string;
  readonly role: StaffRole;
  readonly active: boolean;
}

/**
 * The authority for who works where. A token identifies a person; the register says for which service
 * and in which role they act. Implemented by the municipality context.
 */
export interface StaffRegister {
  find(municipalityId: string, subject: string): Promise<StaffRegistration | null>;
}

export const STAFF_REGISTER = Symbol('STAFF_REGISTER');
