/**
 * JSON for SQS message bodies with every non-ASCII character escaped (\uXXXX). SQS bodies may
 * only hold certain Unicode ranges, and some SQS implementations (fauxqs, the local emulator)
 * reject characters outside the Basic Multilingual Plane, such as the emoji participants put in
 * subjects. Escaped JSON parses back to the same value everywhere.
 */
export function sqsJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
