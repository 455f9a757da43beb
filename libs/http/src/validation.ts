import {
  BadRequestException,
  Param,
  ParseUUIDPipe,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';

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
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

/** The 400 every invalid input answers with: each field and its reasons. */
export function validationFailed(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    code: 'VALIDATION_FAILED',
    message: 'Some fields are missing or invalid',
    fields,
  });
}

/**
 * A path parameter that must be a UUID: anything else is refused like an invalid body field (400
 * VALIDATION_FAILED naming the parameter), not with Nest's bare "uuid is expected".
 */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        validationFailed([{ field: name, reasons: [`${name} must be a UUID`] }]),
    }),
  );
