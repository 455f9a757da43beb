/**
 * The web app's addresses. Each persona has a section of its own; the API answers the app's page for
 * exactly these first segments (`apps/api/src/web/spa-paths.ts`, kept equal by
 * test/web/spa-paths.spec.ts) and its JSON 404 everywhere else. Plain data: no browser APIs here.
 */
export const PERSONA_IDS = ['guardian', 'staff', 'coordinator', 'analyst'] as const;
export type PersonaId = (typeof PERSONA_IDS)[number];

export const PERSONA_BASE_PATHS: Readonly<Record<PersonaId, string>> = {
  guardian: '/foresatt',
  staff: '/ansatt',
  coordinator: '/koordinator',
  analyst: '/analyse',
};

export const SIGN_IN_PATH = '/logg-inn';
/** Where the sign-in provider sends the person back with the authorization code. */
export const SIGN_IN_CALLBACK_PATH = '/logg-inn/tilbake';

export const WEB_APP_SECTIONS = [
  'logg-inn',
  ...PERSONA_IDS.map((id) => PERSONA_BASE_PATHS[id].slice(1)),
] as const;

/** Every role the API's tokens carry (`libs/domain` ROLES; test/web/read-types.spec.ts checks). */
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

/**
 * Whose screens a role signs in to: families (guardians and young people) to the guardian persona,
 * staff and coordinators to their own, and the roles that lead or look at the whole — analysts, the
 * municipality's admin, the operator and the archive — to the analyst persona's leader views.
 */
export const PERSONA_OF_ROLE: Readonly<Record<Role, PersonaId>> = {
  guardian: 'guardian',
  youth: 'guardian',
  staff: 'staff',
  coordinator: 'coordinator',
  analyst: 'analyst',
  admin: 'analyst',
  operator: 'analyst',
  archivist: 'analyst',
};

export const homeOf = (role: Role): string => PERSONA_BASE_PATHS[PERSONA_OF_ROLE[role]];
