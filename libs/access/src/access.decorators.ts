import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@bti/domain';

export const ACCESS_POLICY = 'bti:access-policy';

export type AccessPolicy =
  { readonly kind: 'public' } | { readonly kind: 'roles'; readonly roles: readonly Role[] };

/** Open to anyone, signed in or not: only for health and documentation. */
export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);

/** Signed-in callers with one of these roles. Finer checks (own family, consent) sit in handlers. */
export const AllowRoles = (...roles: Role[]) =>
  SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);

export interface RequestWithActor {
  actor?: Actor;
  headers: Record<string, string | string[] | undefined>;
}

/** The signed-in actor of this request (set by the AccessGuard). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<RequestWithActor>();
  if (!request.actor) throw new Error('CurrentActor used on a route without a signed-in actor');
  return request.actor;
});
