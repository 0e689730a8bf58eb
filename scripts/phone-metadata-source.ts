/** Indonesia's entry (calling code 62) of the installed libphonenumber-js's mobile metadata. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MetadataJson } from 'libphonenumber-js/core';

export function indonesianMobileMetadata(): MetadataJson {
  const file = createRequire(import.meta.url).resolve('libphonenumber-js/metadata.mobile.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as MetadataJson;
  const id = all.countries.ID;
  if (!id) throw new Error(`no Indonesian entry in ${file}`);
  return {
    version: all.version,
    country_calling_codes: { '62': ['ID'] },
    countries: { ID: id },
    nonGeographic: {},
  };
}
