import { findPhonesInText, isValidMobile, parsePhone } from '#core/phone.ts';
import { INDONESIAN_MOBILE_METADATA } from '#core/phone-metadata.ts';
import { indonesianMobileMetadata } from '../../scripts/phone-metadata-source.ts';

describe('phones with Indonesian metadata only', () => {
  it('carries the installed libphonenumber-js metadata for Indonesia (run npm run phone-metadata after an update)', () => {
    expect(INDONESIAN_MOBILE_METADATA).toEqual(indonesianMobileMetadata());
  });

  it('reads Indonesian mobiles written nationally or internationally', () => {
    expect(parsePhone('0813-7702-4419')?.number).toBe('+6281377024419');
    expect(parsePhone('+62 813 7702 4419')?.isValid()).toBe(true);
    expect(isValidMobile('+6281377024419')).toBe(true);
    expect(findPhonesInText('hubungi 0813 7702 4419 ya').map((f) => f.number.number)).toEqual(['+6281377024419']);
  });

  it('does not take a landline or another country’s number for a mobile', () => {
    expect(parsePhone('021 5550 1234')?.isValid() ?? false).toBe(false);
    expect(parsePhone('+60 12 345 6789')?.isValid() ?? false).toBe(false);
  });
});
