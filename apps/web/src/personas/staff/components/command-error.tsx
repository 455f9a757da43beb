import { ApiError, NetworkError } from '../../../shared/api/errors';
import { ErrorAlert } from '../../../shared/errors/error-alert';

/**
 * Sending the same command again helps when the answer was lost or the service had trouble (the
 * commandId makes it safe); a refusal (4xx) would only be refused again, so it is offered no retry —
 * the person changes what they typed, which is kept.
 */
export const mayHelpToRetry = (error: unknown): boolean =>
  error instanceof NetworkError ||
  (error instanceof ApiError && (error.status >= 500 || error.status === 429));

/** A command's failure in plain words, with "try again" only where trying again can help. */
export function CommandError({
  error,
  onRetry,
  headingLevel,
}: {
  readonly error: unknown;
  readonly onRetry: () => void;
  readonly headingLevel?: 2 | 3 | 4;
}) {
  return (
    <ErrorAlert
      error={error}
      headingLevel={headingLevel}
      onRetry={mayHelpToRetry(error) ? onRetry : undefined}
    />
  );
}
