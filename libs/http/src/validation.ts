import {
  BadRequestException,
  Param,
  ParseUUIDPipe,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { canonicalValue } from './json-body';
import { rememberValidationRules } from './validation-metadata';

export interface FieldProblem {
  field: string;
  reasons: string[];
}

/** The rules that say what kind of value a field holds; the others (range, length …) presume it. */
const KIND_RULES = new Set([
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isArray',
  'isObject',
  'isUuid',
  'isEnum',
  'isIn',
  'isDateString',
  'isIso8601',
  'nestedValidation',
]);

/**
 * A field's reasons: only the kind it must be, when it is not even that — `limit=abc` was "must be an
 * integer", "must not be less than 1" and "must not be greater than 500" at once (found from outside).
 */
function reasonsOf(constraints: Record<string, string>): string[] {
  const kind = Object.keys(constraints).filter((rule) => KIND_RULES.has(rule));
  return (kind.length > 0 ? kind : Object.keys(constraints)).map((rule) => constraints[rule]);
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, reasons: reasonsOf(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Refuses a query parameter given twice (`?limit=1&limit=2`): the query string makes it a list, which
 * each of its rules would refuse for another reason (not a number, not a month …), none of them
 * saying what is wrong. A list in a query is given comma-separated. The rest is read in the form a
 * body's values are kept in (text NFC, a UUID in an id parameter in lower case): `?familyId=` in
 * capitals found nothing, though the family was there (found from outside).
 */
class QueryOnceValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const inherited = namesOfObjectPrototype(value);
      if (inherited.length > 0)
        throw validationFailed(
          inherited.map(({ field, key }) => ({
            field,
            reasons: [`property ${key} should not exist`],
          })),
        );
    }
    if (metadata.type === 'query') {
      const given: [string, unknown][] =
        metadata.data !== undefined
          ? [[metadata.data, value]]
          : value !== null && typeof value === 'object'
            ? Object.entries(value)
            : [];
      const repeated = given.filter(([, v]) => Array.isArray(v)).map(([field]) => field);
      if (repeated.length > 0)
        throw validationFailed(
          repeated.map((field) => ({ field, reasons: [`${field} must be given once`] })),
        );
      return super.transform(canonicalQuery(value, metadata.data), metadata);
    }
    return super.transform(value, metadata);
  }
}

const OBJECT_PROTOTYPE_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype),
);

/**
 * Keys named like Object.prototype's own (`toString`, `constructor`, `valueOf` …), at any depth: the
 * whitelist looks a key up in a plain object of the DTO's fields, where these are always found, so
 * `"toString": 1` passed as a known field though no DTO has one (found from outside).
 */
function namesOfObjectPrototype(value: unknown, parent = ''): { field: string; key: string }[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const field = parent ? `${parent}.${key}` : key;
    return OBJECT_PROTOTYPE_NAMES.has(key)
      ? [{ field, key }]
      : namesOfObjectPrototype(inner, Array.isArray(value) ? `${parent}[${key}]` : field);
  });
}

function canonicalQuery(value: unknown, name: string | undefined): unknown {
  if (name !== undefined) return canonicalValue(name, value);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, canonicalValue(key, v)]));
}

/** Whitelists DTO fields, refuses unknown ones, and answers 400 with each field and its reasons. */
export function createValidationPipe(): ValidationPipe {
  rememberValidationRules();
  return new QueryOnceValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

/** How many fields a refusal lists: a body of 50,000 unknown keys answered 3.3 MB (found from outside). */
export const MAX_FIELDS_LISTED = 50;

/** The refusal's message and the fields it lists: the first `MAX_FIELDS_LISTED`, saying so. */
export function listedFields<F>(fields: readonly F[]): { message: string; fields: F[] } {
  const shown = fields.slice(0, MAX_FIELDS_LISTED);
  return {
    message:
      fields.length > shown.length
        ? `Some fields are missing or invalid (the first ${shown.length} of ${fields.length} listed)`
        : 'Some fields are missing or invalid',
    fields: shown,
  };
}

/** The 400 every invalid input answers with: each field and its reasons. */
export function validationFailed(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({ code: 'VALIDATION_FAILED', ...listedFields(fields) });
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
    // Ids are kept in lower case (as bodies give them): a UUID has no case.
    { transform: (value: string) => value.toLowerCase() },
  );
