/**
 * `npm run openapi:responses`: writes read-response-schemas.ts, the JSON Schemas of the types that
 * read-responses.ts exports, as the OpenAPI description serves them (components.schemas, OpenAPI 3.1).
 * A development tool: the API itself only imports the file this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator, type Schema } from 'ts-json-schema-generator';
import ts from 'typescript';

const TYPES_FILE = join(__dirname, 'read-responses.ts');
export const SCHEMAS_FILE = join(__dirname, 'read-response-schemas.ts');

/** What an OpenAPI component may be called; a generic's instantiation ("Page<Arena>") may not. */
const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;

/** The names read-responses.ts exports: each is an answer some read gives. */
function exportedNames(): string[] {
  const source = ts.createSourceFile(
    TYPES_FILE,
    readFileSync(TYPES_FILE, 'utf8'),
    ts.ScriptTarget.ES2022,
  );
  const names: string[] = [];
  for (const statement of source.statements) {
    const exported = ts
      .getModifiers(statement as ts.HasModifiers)
      ?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if ((ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && exported)
      names.push(statement.name.text);
    if (ts.isExportDeclaration(statement)) {
      if (statement.moduleSpecifier || !statement.exportClause)
        throw new Error('read-responses.ts: import a type, then export it by name');
      if (ts.isNamedExports(statement.exportClause))
        for (const element of statement.exportClause.elements) names.push(element.name.text);
    }
  }
  return names.sort();
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function mapJson(value: Json, visit: (node: { [key: string]: Json }) => Json): Json {
  if (Array.isArray(value)) return value.map((item) => mapJson(item, visit));
  if (value === null || typeof value !== 'object') return value;
  const mapped: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) mapped[key] = mapJson(child, visit);
  return visit(mapped);
}

/**
 * The generator's draft-07 definitions as OpenAPI 3.1 components: references point into
 * components.schemas, definitions a component may not be named after are written where they are
 * used, and a tuple's items are its prefixItems (JSON Schema 2020-12).
 */
export function asComponents(definitions: Record<string, Json>): Record<string, Json> {
  const inline = (name: string, seen: readonly string[]): Json => {
    if (seen.includes(name)) throw new Error(`A recursive generic type cannot be inlined: ${name}`);
    return mapJson(definitions[name], (node) => resolve(node, [...seen, name]));
  };
  const resolve = (node: { [key: string]: Json }, seen: readonly string[]): Json => {
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
      const name = decodeURIComponent(ref.slice('#/definitions/'.length));
      if (!(name in definitions)) throw new Error(`No definition for ${name}`);
      if (!COMPONENT_NAME.test(name)) {
        const { $ref: _ref, ...besides } = node;
        const resolved = inline(name, seen) as { [key: string]: Json };
        return { ...resolved, ...besides };
      }
      return { ...node, $ref: `#/components/schemas/${name}` };
    }
    if (node.type === 'array' && Array.isArray(node.items)) {
      const { items, additionalItems, ...rest } = node;
      return {
        ...rest,
        prefixItems: items,
        ...(additionalItems === undefined ? {} : { items: additionalItems }),
      };
    }
    return node;
  };
  const components: Record<string, Json> = {};
  for (const name of Object.keys(definitions).sort()) {
    if (COMPONENT_NAME.test(name)) components[name] = inline(name, []);
  }
  return components;
}

/** The JSON Schemas of every exported answer, with what they reference, as components. */
export function readResponseSchemas(): Record<string, Json> {
  const generator = createGenerator({
    path: TYPES_FILE,
    tsconfig: join(__dirname, '../../../../tsconfig.json'),
    type: '*',
    expose: 'export',
    jsDoc: 'extended',
    topRef: true,
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const definitions: Record<string, Json> = {};
  for (const name of exportedNames()) {
    const schema: Schema = generator.createSchema(name);
    for (const [definition, body] of Object.entries(schema.definitions as Record<string, Json>)) {
      // Two modules' types of one name would otherwise leave the last one standing, unnoticed.
      if (
        definition in definitions &&
        JSON.stringify(definitions[definition]) !== JSON.stringify(body)
      )
        throw new Error(`Two different types are named ${definition}; rename one`);
      definitions[definition] = body;
    }
  }
  return asComponents(definitions);
}

/**
 * read-response-schemas.ts as it should read now: JSON laid out by JSON.stringify (the file is left
 * out of prettier, so the test compares exactly this text).
 */
export function readResponseSchemasSource(): string {
  return `/**
 * Generated by \`npm run openapi:responses\` from read-responses.ts; do not edit.
 * test/api/openapi-responses.e2e-spec.ts fails when this file is older than those types.
 */
export const READ_RESPONSE_SCHEMAS: Readonly<Record<string, object>> = ${JSON.stringify(
    readResponseSchemas(),
    null,
    2,
  )};
`;
}

if (require.main === module) {
  writeFileSync(SCHEMAS_FILE, readResponseSchemasSource());
  process.stdout.write(`wrote ${SCHEMAS_FILE}\n`);
}
