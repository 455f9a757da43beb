import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@bti/config';
import { isStaffRole, type Actor } from '@bti/domain';
import { ACCESS_POLICY, type AccessPolicy, type RequestWithActor } from './access.decorators';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { countFailedSignIn, rateLimited } from './rate-limits';
import { headerCount } from './request-headers';
import { STAFF_REGISTER, type StaffRegister } from './staff-register';
import {
  InvalidToken,
  SignInUnavailable,
  TOKEN_VERIFIER,
  type TokenVerifier,
} from './token-verifier';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Global guard. A route that has not declared who may call it is denied, so an endpoint added later
 * cannot be open by accident. The token identifies the caller; for staff the staff register, not the
 * token, says which service they act for and in which role.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(STAFF_REGISTER) private readonly register: StaffRegister,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectThrottlerStorage() private readonly throttlerStorage: ThrottlerStorage,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy?.kind === 'public') return true;
    if (!policy) {
      this.logger.error(
        { route: `${context.getClass().name}.${context.getHandler().name}` },
        'route has no access policy; denied',
      );
      throw new ForbiddenException({
        code: 'NO_ACCESS_POLICY',
        message: 'This route has not declared who may call it, so nobody may',
      });
    }
    const request = context
      .switchToHttp()
      .getRequest<RequestWithActor & { ip?: string; raw?: { rawHeaders?: readonly string[] } }>();
    // Node keeps the first of two Authorization headers; a proxy may act on the second: a request
    // that says twice who it is, is taken as neither (found from outside: the first was used).
    if (headerCount(request.raw?.rawHeaders ?? [], 'authorization') > 1)
      return this.refuseSignIn(request.ip, {
        code: 'UNAUTHENTICATED',
        message: 'Send one Authorization header',
      });
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) {
      return this.refuseSignIn(request.ip, {
        code: 'UNAUTHENTICATED',
        message: 'Sign in: send Authorization: Bearer <token>',
      });
    }
    let claimed: Actor;
    try {
      claimed = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof SignInUnavailable)
        throw new ServiceUnavailableException({
          code: 'SIGN_IN_UNAVAILABLE',
          message: 'Sign-in cannot be checked right now; try again shortly',
        });
      if (!(error instanceof InvalidToken)) throw error;
      return this.refuseSignIn(request.ip, {
        code: 'INVALID_TOKEN',
        message: `Invalid token: ${error.reason}`,
      });
    }
    const actor = await this.establish(claimed);
    request.actor = actor;
    if (!policy.roles.includes(actor.role)) {
      throw new ForbiddenException({
        code: 'ROLE_NOT_ALLOWED',
        message: `The role ${actor.role} may not do this`,
      });
    }
    return true;
  }

  /** 401, or 429 once the address has failed to sign in too often this minute. */
  private async refuseSignIn(
    address: string | undefined,
    refusal: { code: string; message: string },
  ): Promise<never> {
    const { blocked, retryAfterSeconds } = await countFailedSignIn(
      this.throttlerStorage,
      address ?? 'unknown',
      this.config.rateLimits.failedSignInsPerMinute,
    );
    if (blocked)
      throw rateLimited(
        retryAfterSeconds,
        `Too many failed sign-ins from your address; wait ${retryAfterSeconds} s`,
      );
    throw new UnauthorizedException(refusal);
  }

  /** Who the caller is allowed to be: staff as the register has them, an operator only if configured. */
  private async establish(claimed: Actor): Promise<Actor> {
    if (claimed.role === 'operator') {
      if (!this.config.operatorSubjects.includes(claimed.subject)) {
        throw new ForbiddenException({
          code: 'ROLE_NOT_ALLOWED',
          message: 'The operator role is configured for the installation, not claimed in a token',
        });
      }
      return { ...claimed, municipalityId: null, serviceId: null };
    }
    if (!isStaffRole(claimed.role)) return claimed;
    const registration = claimed.municipalityId
      ? await this.register.find(claimed.municipalityId, claimed.subject)
      : null;
    if (!registration?.active) {
      throw new ForbiddenException({
        code: 'STAFF_NOT_REGISTERED',
        message: registration
          ? 'You are deactivated in your municipality’s staff register'
          : 'You are not in your municipality’s staff register; ask its administrator',
      });
    }
    return { ...claimed, role: registration.role, serviceId: registration.serviceId };
  }
}
