import { ApiOkResponse } from '@nestjs/swagger';

/**
 * The answers the OpenAPI description names, by name. Empty here: apps/api/src/openapi/read-responses.ts
 * fills it in (declaration merging), so that a library's controller can name its answer without
 * depending on the app.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReadAnswers {}

/** A read handler answering `Answer` as JSON (or, for some reads, the same as CSV or HTML text). */
type Answering<Answer> = (...args: never[]) => Answer | string | Promise<Answer | string>;

/**
 * Names a read's answer in the OpenAPI description: the component of that name, generated from the
 * type of the same name in apps/api/src/openapi/read-responses.ts. The type check holds the handler
 * to it: a handler whose answer is not that type does not compile.
 */
export function ApiAnswer<Name extends keyof ReadAnswers>(
  schema: Name,
  options: { description?: string; example?: unknown } = {},
) {
  const decorate = ApiOkResponse({
    ...options,
    schema: { $ref: `#/components/schemas/${schema}` },
  });
  return <Handler extends Answering<ReadAnswers[Name]>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Handler>,
  ): void => {
    decorate(target, key, descriptor);
  };
}
