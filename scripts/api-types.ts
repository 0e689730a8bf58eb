/**
 * The web console's types of the agent API, generated from docs/openapi.yaml by openapi-typescript
 * into web/src/api-schema.ts (committed). `npm run gen:api-types` writes the file;
 * test/web/api-schema.test.ts generates it again in memory and fails when the committed one is
 * stale, so the document and the console's types cannot drift apart (docs/console.md, "API types").
 *
 * The document is linted first with Redocly's `struct` rule as an error: a key the OpenAPI format
 * does not have (such as a YAML flow mapping split at an unquoted comma in a description) stops the
 * generation instead of silently losing the rest of the description.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConfig } from '@redocly/openapi-core';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const root = path.join(import.meta.dirname, '..');
export const API_DOCUMENT = path.join(root, 'docs', 'openapi.yaml');
export const API_TYPES_FILE = path.join(root, 'web', 'src', 'api-schema.ts');

/** The generated module's text: `paths` and `components` types, and each enum's values as an array. */
export async function generateApiTypes(): Promise<string> {
  const redocly = await createConfig({
    extends: ['minimal'],
    rules: { struct: 'error', 'operation-operationId-unique': 'error' },
  });
  const ast = await openapiTS(pathToFileURL(API_DOCUMENT), { redocly, enumValues: true, silent: true });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(API_TYPES_FILE, await generateApiTypes());
  console.log(`wrote ${path.relative(root, API_TYPES_FILE)} from ${path.relative(root, API_DOCUMENT)}`);
}
