/**
 * Indonesia's entry of libphonenumber-js's mobile metadata, written by `npm run phone-metadata`
 * (do not edit; test/core/phone.test.ts fails when it differs from the installed package's).
 */
import type { MetadataJson } from 'libphonenumber-js/core';

export const INDONESIAN_MOBILE_METADATA: MetadataJson = {
  version: 4,
  country_calling_codes: { '62': ['ID'] },
  countries: {
    ID: [
      '62',
      '00[89]',
      '00[1-9]\\d{9,14}|(?:[1-36]|8\\d{5})\\d{6}|00\\d{9}|[1-9]\\d{8,10}|[2-9]\\d{7}',
      [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
      [
        ['(\\d)(\\d{3})(\\d{3})', '$1 $2 $3', ['15']],
        ['(\\d{2})(\\d{5,9})', '$1 $2', ['2[124]|[36]1'], '(0$1)'],
        ['(\\d{3})(\\d{5,7})', '$1 $2', ['800'], '0$1'],
        ['(\\d{3})(\\d{5,8})', '$1 $2', ['[2-79]'], '(0$1)'],
        ['(\\d{3})(\\d{3,4})(\\d{3})', '$1-$2-$3', ['8[1-35-9]'], '0$1'],
        ['(\\d{3})(\\d{6,8})', '$1 $2', ['1'], '0$1'],
        ['(\\d{3})(\\d{3})(\\d{4})', '$1 $2 $3', ['804'], '0$1'],
        ['(\\d{3})(\\d)(\\d{3})(\\d{3})', '$1 $2 $3 $4', ['80'], '0$1'],
        ['(\\d{3})(\\d{4})(\\d{4,5})', '$1-$2-$3', ['8'], '0$1'],
      ],
      '0',
      0,
      0,
      0,
      0,
      0,
      [0, ['8[1-35-9]\\d{7,10}', [9, 10, 11, 12]]],
    ],
  },
  nonGeographic: {},
};
