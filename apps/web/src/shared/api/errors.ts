/** A field the API refused, as `400 VALIDATION_FAILED` names it. */
export interface FieldProblem {
  readonly field: string;
  readonly reasons: readonly string[];
}

/**
 * An answer the API refused, with its machine-readable code (`CONSENT_REQUIRED`, `VALIDATION_FAILED`
 * …), which the app shows in plain words (shared/messages/errors.*.json).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No answer at all: the connection was lost. Sending the same command again is safe. */
export class NetworkError extends Error {
  readonly code = 'NETWORK';
  constructor() {
    super('No answer from the server');
    this.name = 'NetworkError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The API's error body (`{ statusCode, code, message, fields? }`) as an ApiError. */
export function apiErrorOf(response: Response, body: unknown): ApiError {
  const record = isRecord(body) ? body : {};
  const code = typeof record.code === 'string' ? record.code : `HTTP_${response.status}`;
  const message = typeof record.message === 'string' ? record.message : response.statusText;
  const fields = Array.isArray(record.fields)
    ? record.fields.filter(
        (f): f is FieldProblem =>
          isRecord(f) && typeof f.field === 'string' && Array.isArray(f.reasons),
      )
    : [];
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    code,
    message,
    fields,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}
