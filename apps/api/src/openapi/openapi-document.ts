import type { OpenAPIObject } from '@nestjs/swagger';
import { READ_RESPONSE_SCHEMAS } from './read-response-schemas';

type Node = { [key: string]: unknown };

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function eachNode(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) for (const item of value) eachNode(item, visit);
  else if (isNode(value)) {
    visit(value);
    for (const child of Object.values(value)) eachNode(child, visit);
  }
}

/**
 * OpenAPI 3.0's `nullable` (what Nest writes for DTOs) as OpenAPI 3.1 says it: `null` is a type. A
 * schema made of others (`allOf: [{ $ref }]`) would still refuse null, so it becomes one of two.
 */
function nullableAsType(node: Node): void {
  if (node.nullable !== true) return;
  delete node.nullable;
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf'].some((key) => key in node);
  if (typeof node.type === 'string' && !composed) {
    node.type = [node.type, 'null'];
    const values: unknown = node.enum;
    if (Array.isArray(values) && !values.includes(null))
      node.enum = [...(values as unknown[]), null];
    return;
  }
  const { description, ...schema } = node;
  for (const key of Object.keys(node)) delete node[key];
  if (description !== undefined) node.description = description;
  node.anyOf = [schema, { type: 'null' }];
}

const JSON_MEDIA = /^application\/(.+\+)?json(;.*)?$/;

/**
 * The answer's schema is the JSON one; a read that also answers as CSV, HTML, PDF or iCalendar
 * answers those as text (or bytes), whatever schema Nest copied to them.
 */
function otherMediaAsText(document: OpenAPIObject): void {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, Node>)) {
      if (!isNode(operation) || !isNode(operation.responses)) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        // Refusals are JSON whatever the read answers in; only the answer itself is text.
        if (!status.startsWith('2') || !isNode(response) || !isNode(response.content)) continue;
        for (const [media, content] of Object.entries(response.content)) {
          if (JSON_MEDIA.test(media) || !isNode(content)) continue;
          content.schema =
            media === 'application/pdf'
              ? { type: 'string', contentMediaType: media }
              : { type: 'string' };
        }
      }
    }
  }
}

/**
 * The description Nest builds from the controllers, completed: OpenAPI 3.1, and the answers of the
 * reads (`@ApiAnswer`) as components generated from the server's own types.
 */
export function withReadResponses(document: OpenAPIObject): OpenAPIObject {
  document.openapi = '3.1.0';
  eachNode(document.paths, nullableAsType);
  eachNode(document.components?.schemas, nullableAsType);
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const [name, schema] of Object.entries(READ_RESPONSE_SCHEMAS)) {
    if (name in schemas) throw new Error(`Two OpenAPI components are named ${name}`);
    schemas[name] = structuredClone(schema);
  }
  document.components.schemas = schemas;
  otherMediaAsText(document);
  return document;
}
