import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  reasons: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, reasons: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelists DTO fields, refuses unknown ones, and answers 400 with each field and its reasons. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: 'Some fields are missing or invalid',
        fields: flatten(errors),
      }),
  });
}
