import type { TFunction } from 'i18next';
import errorsNb from '../messages/errors.nb.json';
import { ApiError, NetworkError } from '../api/errors';

export type KnownErrorCode = keyof typeof errorsNb.codes;

export const isKnownErrorCode = (code: string): code is KnownErrorCode =>
  Object.prototype.hasOwnProperty.call(errorsNb.codes, code);

/** The code an error carries: the API's, NETWORK for a lost connection, or the sign-in flow's. */
export function codeOf(error: unknown): string | null {
  if (error instanceof ApiError || error instanceof NetworkError) return error.code;
  if (error instanceof Error && /^[A-Z][A-Z_]+$/.test(error.message)) return error.message;
  return null;
}

/** The error in the person's language; an unknown code still says what to do, and shows the code. */
export function plainError(
  t: TFunction<'errors'>,
  error: unknown,
): { text: string; code: string | null } {
  const code = codeOf(error);
  if (code && isKnownErrorCode(code)) return { text: t(`codes.${code}`), code };
  const status = error instanceof ApiError ? error.status : 0;
  return { text: t('unknown', { status }), code };
}
