import { sqsJson } from '#adapters/sqs-json.ts';

describe('sqsJson', () => {
  it('escapes every non-ASCII character and parses back to the same value', () => {
    const value = { subject: 'akun terkunci 😭 mohon bantu', name: 'Ñoman Ágata', nbsp: 'a\u00a0b' };
    const body = sqsJson(value);
    expect(body).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(body)).toEqual(value);
  });
});
