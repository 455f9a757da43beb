import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_POLICY, type AccessPolicy, type RequestWithActor } from './access.decorators';
import { InvalidToken, TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * Global guard. A route that has not declared who may call it is denied, so an endpoint added later
 * cannot be open by accident.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
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
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) {
      throw new UnauthorizedException({
        code: 'UNAUTHENTICATED',
        message: 'Sign in: send Authorization: Bearer <token>',
      });
    }
    try {
      request.actor = await this.verifier.verify(match[1]);
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
      throw new UnauthorizedException({
        code: 'INVALID_TOKEN',
        message: `Invalid token: ${error.reason}`,
      });
    }
    if (!policy.roles.includes(request.actor.role)) {
      throw new ForbiddenException({
        code: 'ROLE_NOT_ALLOWED',
        message: `The role ${request.actor.role} may not do this`,
      });
    }
    return true;
  }
}
