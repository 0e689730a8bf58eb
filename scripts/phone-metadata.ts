#!/usr/bin/env -S npx tsx
/**
 * phone-metadata: writes lambdas/core/phone-metadata.ts, Indonesia's entry of libphonenumber-js's
 * mobile metadata. Run it after updating libphonenumber-js; a unit test fails until then.
 *
 *   npm run phone-metadata
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { indonesianMobileMetadata } from './phone-metadata-source.ts';

const file = path.join(import.meta.dirname, '..', 'lambdas', 'core', 'phone-metadata.ts');
writeFileSync(
  file,
  `/**
 * Indonesia's entry of libphonenumber-js's mobile metadata, written by \`npm run phone-metadata\`
 * (do not edit; test/core/phone.test.ts fails when it differs from the installed package's).
 */
import type { MetadataJson } from 'libphonenumber-js/core';

export const INDONESIAN_MOBILE_METADATA: MetadataJson = ${JSON.stringify(indonesianMobileMetadata())};
`,
);
process.stdout.write(`phone-metadata: wrote ${path.relative(process.cwd(), file)}\n`);
