/**
 * The console's API types (web/src/api-schema.ts) are what openapi-typescript makes of
 * docs/openapi.yaml today: a change to the document without `npm run gen:api-types` fails here, and
 * with it the console's type-check shows every use the change breaks.
 */
import { readFileSync } from 'node:fs';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.ts';

describe('the console API types', () => {
  it('are generated from the current docs/openapi.yaml (run npm run gen:api-types when this fails)', async () => {
    // Prepare
    const committed = readFileSync(API_TYPES_FILE, 'utf8');

    // Act
    const generated = await generateApiTypes();

    // Assess
    expect(generated).toBe(committed);
  });
});
