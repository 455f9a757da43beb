import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ActionForbidden } from '@bti/access';
import { DomainRuleViolation, isNotFound } from '@bti/domain';
import {
  AppendTooLarge,
  FamilyErased,
  InvalidAppend,
  StreamDeleted,
  StreamNotFound,
  WrongExpectedRevision,
} from '@bti/event-store';
import { ProjectionTimeout, ReadModelsRebuilding, RebuildInProgress } from '@bti/read-models';
import { BodyRefused } from './json-body';

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  [detail: string]: unknown;
}

export const reasonPhrase = (status: number): string =>
  (HttpStatus[status] ?? 'ERROR')
    .toString()
    .split('_')
    .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
    .join(' ');

function body(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): ErrorBody {
  return { statusCode: status, error: reasonPhrase(status), code, message, ...details };
}

/** A request the server could not read, answered with what to send instead. */
function unreadable(statusCode: number): ErrorBody | null {
  if (statusCode === 415)
    return body(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json in UTF-8');
  if (statusCode === 413) return body(413, 'BODY_TOO_LARGE', 'The body is larger than 1 MiB');
  return null;
}

/** Fastify's own refusals of a request it could not read (media type, size), in our shape. */
function fastifyRequestError(exception: unknown): ErrorBody | null {
  if (!(exception instanceof Error) || !('code' in exception) || !('statusCode' in exception))
    return null;
  const { code, statusCode } = exception as { code: unknown; statusCode: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_') || typeof statusCode !== 'number')
    return null;
  if (statusCode >= 400 && statusCode < 500)
    return (
      unreadable(statusCode) ?? body(statusCode, 'BAD_REQUEST', 'The request could not be read')
    );
  return null;
}

/** Maps every error type to one HTTP answer with a machine-readable code; the only place that does. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null && 'code' in response) {
      const { code, message, ...details } = response as { code: string; message?: string };
      return body(status, code, message ?? exception.message, details);
    }
    // The router's "Cannot GET /<the path>" would echo the request, which may hold personal data.
    if (status === Number(HttpStatus.NOT_FOUND))
      return body(status, 'NOT_FOUND', 'There is nothing at this address');
    return (
      unreadable(status) ??
      body(status, reasonPhrase(status).toUpperCase().replace(/ /g, '_'), exception.message)
    );
  }
  if (exception instanceof BodyRefused) {
    return body(
      exception.statusCode,
      exception.code,
      exception.message,
      exception.fields ? { fields: exception.fields } : {},
    );
  }
  const fastifyError = fastifyRequestError(exception);
  if (fastifyError) return fastifyError;
  if (exception instanceof WrongExpectedRevision) {
    return body(
      HttpStatus.CONFLICT,
      exception.code,
      'Someone else changed this first; reload and try again',
      {
        expectedRevision: String(exception.expected),
        currentRevision: String(exception.actual),
      },
    );
  }
  if (exception instanceof StreamNotFound || exception instanceof StreamDeleted) {
    return body(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'Not found');
  }
  if (exception instanceof AppendTooLarge) {
    return body(
      HttpStatus.PAYLOAD_TOO_LARGE,
      exception.code,
      'This change is too large to store in one write; send it in smaller parts',
      { maximumBytes: exception.maximum },
    );
  }
  if (exception instanceof FamilyErased) {
    return body(HttpStatus.UNPROCESSABLE_ENTITY, exception.code, exception.message);
  }
  if (exception instanceof InvalidAppend) {
    return body(HttpStatus.BAD_REQUEST, exception.code, exception.message);
  }
  if (exception instanceof ActionForbidden) {
    return body(HttpStatus.FORBIDDEN, exception.code, exception.message);
  }
  if (exception instanceof DomainRuleViolation) {
    const violation = exception as DomainRuleViolation<string>;
    if (isNotFound(violation)) return body(HttpStatus.NOT_FOUND, violation.code, 'Not found');
    return body(
      HttpStatus.UNPROCESSABLE_ENTITY,
      violation.code,
      violation.message,
      violation.details,
    );
  }
  if (exception instanceof ReadModelsRebuilding) {
    return body(
      HttpStatus.SERVICE_UNAVAILABLE,
      'READ_MODELS_REBUILDING',
      'The overviews this answer is made from are being rebuilt; ask again shortly',
    );
  }
  if (exception instanceof RebuildInProgress) {
    return body(HttpStatus.CONFLICT, 'REBUILD_IN_PROGRESS', exception.message);
  }
  if (exception instanceof ProjectionTimeout) {
    return body(HttpStatus.SERVICE_UNAVAILABLE, 'READ_MODEL_BEHIND', exception.message);
  }
  return body(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'Something went wrong on our side');
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const errorBody = toErrorBody(exception);
    // A rebuild is expected, not a fault: it is on /health, not in the error log. Nor is a read that
    // waited for a position not reached: any caller can ask for one far ahead, and each was an
    // error with a stack (found from outside); a projection that stalls shows on /health.
    if (errorBody.code === 'READ_MODEL_BEHIND')
      this.logger.warn({ code: errorBody.code }, 'read models behind the position asked for');
    else if (errorBody.statusCode >= 500 && errorBody.code !== 'READ_MODELS_REBUILDING') {
      // Name and stack only: an error message may quote personal data from the request.
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ errorName: error.name, stack: error.stack }, 'unhandled error');
    }
    if (errorBody.statusCode === Number(HttpStatus.SERVICE_UNAVAILABLE))
      void reply.header('Retry-After', errorBody.code === 'READ_MODELS_REBUILDING' ? '5' : '1');
    const retryAfter = (errorBody as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (
      errorBody.statusCode === Number(HttpStatus.TOO_MANY_REQUESTS) &&
      typeof retryAfter === 'number'
    )
      void reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    void reply.status(errorBody.statusCode).send(errorBody);
  }
}
