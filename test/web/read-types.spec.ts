import { ROLES as DOMAIN_ROLES, type Role as DomainRole } from '@bti/domain';
import { ROLES, type Role } from '../../apps/web/src/shared/paths';

/**
 * The web app's read types are the OpenAPI description's (apps/web/src/shared/api/reads.ts names
 * them): openapi-responses.e2e-spec.ts holds the server's answers to that description and
 * api-types.e2e-spec.ts the app's copy of it to the API. What the app keeps of its own is the list of
 * roles, in the order its screens offer them: it must be the server's.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const sameRoles: Same<DomainRole, Role> = true;

describe('the web app’s roles', () => {
  it('are the roles the API’s tokens carry (checked by the type check)', () => {
    expect(sameRoles).toBe(true);
  });

  it('come in the API’s order', () => {
    expect([...ROLES]).toEqual([...DOMAIN_ROLES]);
  });
});
