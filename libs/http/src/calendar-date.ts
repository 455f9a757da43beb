import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@bti/domain';

/**
 * The dates a case can hold: a birth, a meeting, a measure. Year 0 is a real ISO date, and a measure
 * starting then showed the family an evaluation overdue since year 0 (found from outside).
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';

/** Whether a date (YYYY-MM-DD) is within the years a case can hold. */
export const isWithinCaseYears = (date: string) => date >= EARLIEST_DATE && date <= LATEST_DATE;

/**
 * A real calendar date as YYYY-MM-DD from 1900 to 2199: 2026-02-30, 2025-02-29, 2026-13-01 and
 * 0000-01-01 are refused, not stored. The one date check every date field of every DTO uses.
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isIsoDate(value) && isWithinCaseYears(value),
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string' && isIsoDate(args.value)
            ? `$property must be from ${EARLIEST_DATE} to ${LATEST_DATE}`
            : '$property must be a calendar date (YYYY-MM-DD)',
      },
    },
    options,
  );
}

/**
 * A date and time (checked for its form by `IsISO8601`) whose date is within the years a case can
 * hold, as every date field: a meeting in year 0 is refused like a measure starting then.
 */
export function IsWithinCaseYears(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWithinCaseYears',
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || isWithinCaseYears(value.slice(0, 10)),
        defaultMessage: () => `$property must be from ${EARLIEST_DATE} to ${LATEST_DATE}`,
      },
    },
    options,
  );
}
