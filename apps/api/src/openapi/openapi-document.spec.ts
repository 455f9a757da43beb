import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv2020 from 'ajv/dist/2020';
import { withReadResponses } from './openapi-document';
import { READ_RESPONSE_SCHEMAS } from './read-response-schemas';

const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function documentWith(
  paths: OpenAPIObject['paths'],
  schemas: Record<string, object> = {},
): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'test', version: '0' },
    paths,
    components: { schemas },
  };
}

describe('withReadResponses', () => {
  it('says nullable as OpenAPI 3.1 does, so that null is taken and nothing else is', () => {
    const document = withReadResponses(
      documentWith(
        {},
        {
          ChoiceDto: {
            type: 'object',
            properties: {
              form: { type: 'string', enum: ['digital', 'paper'], nullable: true },
              oidc: {
                type: 'object',
                nullable: true,
                description: 'd',
                allOf: [refTo('ChoiceDto')],
              },
            },
          },
        },
      ),
    );
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'https://t.invalid/d', components: document.components });
    const form = ajv.compile({
      $ref: 'https://t.invalid/d#/components/schemas/ChoiceDto/properties/form',
    });
    expect([form('paper'), form(null), form('other')]).toEqual([true, true, false]);
    const oidc = ajv.compile({
      $ref: 'https://t.invalid/d#/components/schemas/ChoiceDto/properties/oidc',
    });
    expect([oidc(null), oidc({}), oidc('x')]).toEqual([true, true, false]);
    expect(JSON.stringify(document)).not.toContain('nullable');
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes a read’s CSV or HTML answer as text, and leaves its JSON answer and its refusals be', () => {
    const json = { schema: refTo('MetricTable') };
    const document = withReadResponses(
      documentWith({
        '/metrics/{metricId}': {
          get: {
            responses: {
              '200': {
                description: '',
                content: {
                  'application/json; charset=utf-8': json,
                  'text/csv': { schema: refTo('MetricTable') },
                },
              },
              '404': { description: '', content: { 'text/csv': { schema: refTo('Refusal') } } },
            },
          },
        },
      }),
    );
    const responses = document.paths['/metrics/{metricId}'].get?.responses ?? {};
    expect(responses['200']).toMatchObject({
      content: {
        'application/json; charset=utf-8': { schema: refTo('MetricTable') },
        'text/csv': { schema: { type: 'string' } },
      },
    });
    expect(responses['404']).toMatchObject({
      content: { 'text/csv': { schema: refTo('Refusal') } },
    });
  });

  it('refuses two components of one name', () => {
    const [name] = Object.keys(READ_RESPONSE_SCHEMAS);
    expect(() => withReadResponses(documentWith({}, { [name]: { type: 'object' } }))).toThrow(
      `Two OpenAPI components are named ${name}`,
    );
  });
});
