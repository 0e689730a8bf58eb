/**
 * libphonenumber-js with Indonesia's mobile metadata only. Every phone this product keeps or looks
 * up is an Indonesian mobile, and the package's full mobile metadata (every country) is most of
 * what it adds to a Lambda bundle and to each cold start.
 */
import {
  type E164Number,
  findPhoneNumbersInText,
  type NumberFound,
  PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import { INDONESIAN_MOBILE_METADATA as METADATA } from './phone-metadata.ts';

export type { PhoneNumber };

/** The text read as one phone number, national numbers taken as Indonesian. */
export const parsePhone = (text: string): PhoneNumber | undefined => parsePhoneNumberFromString(text, 'ID', METADATA);

/** The phone numbers libphonenumber's matcher finds in a text, national numbers taken as Indonesian. */
export const findPhonesInText = (text: string): NumberFound[] => findPhoneNumbersInText(text, 'ID', METADATA);

/** Whether an E.164 number is a valid Indonesian mobile. */
export const isValidMobile = (e164: E164Number): boolean => new PhoneNumber(e164, METADATA).isValid();
