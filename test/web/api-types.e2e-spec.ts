import { readFileSync } from 'node:fs';
import { API_TYPES_PATH, apiTypesOf, openApiDocument } from '../../apps/api/src/web/api-types';

describe('the web app’s API types', () => {
  it('are generated from the API as it is now (else: npm run web:api-types)', async () => {
    const fresh = apiTypesOf(await openApiDocument());
    const committed = readFileSync(API_TYPES_PATH, 'utf8');
    // On failure: run `npm run web:api-types` and commit apps/web/src/shared/api/openapi.d.ts.
    expect(committed === fresh ? 'current' : 'stale').toBe('current');
  });
});
