import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { AppConfig } from '@bti/config';
import type { RequestWithActor } from './access.decorators';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MINUTE_MS = 60_000;

/** 429 with a code and the seconds to wait, in the body as well as in `Retry-After`. */
export function rateLimited(retryAfterSeconds: number, message: string): HttpException {
  return new HttpException(
    { code: 'RATE_LIMITED', message, retryAfterSeconds },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * The write limit: commands per signed-in person per minute. It runs after the AccessGuard (both are
 * registered by the AccessModule, in that order), so it counts by the person the token established,
 * never by an address several people share.
 */
@Injectable()
export class WriteRateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw rateLimited(
      detail.timeToBlockExpire,
      `More than ${detail.limit} changes in a minute; wait ${detail.timeToBlockExpire} s`,
    );
  }
}

export function writeRateLimits(config: AppConfig) {
  const limit = config.rateLimits.writesPerMinute;
  return ThrottlerModule.forRoot({
    throttlers: [{ name: 'default', ttl: MINUTE_MS, limit: Math.max(limit, 1) }],
    skipIf: (context) => {
      const request = context.switchToHttp().getRequest<RequestWithActor & { method: string }>();
      return limit === 0 || !request.actor || !WRITE_METHODS.has(request.method);
    },
    getTracker: (request) => `subject:${(request as RequestWithActor).actor?.subject ?? ''}`,
  });
}

/**
 * Requests whose token is missing or invalid, counted per client address: past the limit in a
 * minute, the address gets 429 for a minute instead of a verdict on each guess.
 */
export async function countFailedSignIn(
  storage: ThrottlerStorage,
  address: string,
  limitPerMinute: number,
): Promise<{ blocked: boolean; retryAfterSeconds: number }> {
  const record = await storage.increment(
    `failed-sign-in:${address}`,
    MINUTE_MS,
    limitPerMinute,
    MINUTE_MS,
    'failed-sign-in',
  );
  return { blocked: record.isBlocked, retryAfterSeconds: record.timeToBlockExpire };
}
