import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@bti/domain';

/**
 * A real calendar date as YYYY-MM-DD: 2026-02-30, 2025-02-29 and 2026-13-01 are refused, not stored.
 * The one date check every date field of every DTO uses.
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: () => '$property must be a calendar date (YYYY-MM-DD)',
      },
    },
    options,
  );
}
