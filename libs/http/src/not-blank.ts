import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isBlank } from '@bti/domain';

/**
 * A text that says something: a name of three spaces was a registered child, guardian or service
 * named nothing (found from outside). For fields whose blank the domain does not already refuse
 * with a rule of its own (TEXT_REQUIRED, REASON_REQUIRED …).
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isBlank(value),
        defaultMessage: () => '$property must not be blank',
      },
    },
    options,
  );
}
