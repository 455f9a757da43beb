import { ApiOkResponse } from '@nestjs/swagger';

/**
 * Names a read's answer in the OpenAPI description: the component of that name, generated from the
 * type of the same name in apps/api/src/openapi/read-responses.ts.
 */
export const ApiAnswer = (
  schema: string,
  options: { description?: string; example?: unknown } = {},
): MethodDecorator =>
  ApiOkResponse({ ...options, schema: { $ref: `#/components/schemas/${schema}` } });
