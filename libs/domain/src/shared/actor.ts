/**
 * Who acts. Every event carries its actor so the log can always answer "who did this, in which role,
 * for which service" — the audit trail the pilot municipalities lacked.
 */
export const ROLES = [
  'staff',
  'coordinator',
  'guardian',
  'youth',
  'analyst',
  'admin',
  'operator',
  'archivist',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for a service in a municipality; the staff register, not the token, says which. */
export const STAFF_ROLES = ['staff', 'coordinator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isStaffRole(role: Role): role is StaffRole {
  return role === 'staff' || role === 'coordinator';
}

export interface Actor {
  /** Stable subject identifier from the identity provider; never a national identity number in logs. */
  readonly subject: string;
  readonly role: Role;
  readonly municipalityId: string | null;
  /** The service (unit) a staff member or coordinator acts for; null for citizens and analysts. */
  readonly serviceId: string | null;
}
