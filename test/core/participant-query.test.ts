/** Reading what an agent types as a participant key or a ticket reference. */
import { participantKeyFrom, searchTerm } from '#core/participant-query.ts';

describe('participant keys as agents type them', () => {
  it('reads a card number with or without separators as its 16 digits', () => {
    for (const typed of ['5522770011334466', '5522 7700 1133 4466', ' 5522-7700-1133-4466 '])
      expect(participantKeyFrom('card', typed)).toEqual({ kind: 'card', value: '5522770011334466' });
    expect(participantKeyFrom('card', '55227700113344')).toBeNull();
    expect(participantKeyFrom('card', '5522 7700 1133 446x')).toBeNull();
  });

  it('reads an Indonesian mobile in any spelling as E.164, and refuses what is not one', () => {
    for (const typed of ['0813-2468-1357', '+62 813 2468 1357', '(0813) 2468 1357'])
      expect(participantKeyFrom('phone', typed)).toEqual({ kind: 'phone', value: '+6281324681357' });
    expect(participantKeyFrom('phone', '12345')).toBeNull();
    expect(participantKeyFrom('phone', 'bukan nomor')).toBeNull();
  });

  it('reads an email in lower case, and refuses text without a domain', () => {
    expect(participantKeyFrom('email', ' Maya.S@Surel.Example ')).toEqual({
      kind: 'email',
      value: 'maya.s@surel.example',
    });
    expect(participantKeyFrom('email', 'maya@')).toBeNull();
  });
});

describe('search terms', () => {
  it('tells a ticket reference, an email, a card number and a phone apart', () => {
    expect(searchTerm('prk-7k3m9q2x')).toEqual({ kind: 'ref', ref: 'PRK-7K3M9Q2X' });
    expect(searchTerm('Budi@Surel.example')).toEqual({
      kind: 'participant',
      key: { kind: 'email', value: 'budi@surel.example' },
    });
    expect(searchTerm('5522 7700 1133 4466')).toEqual({
      kind: 'participant',
      key: { kind: 'card', value: '5522770011334466' },
    });
    expect(searchTerm('0813 2468 1357')).toEqual({
      kind: 'participant',
      key: { kind: 'phone', value: '+6281324681357' },
    });
  });

  it('finds nothing to search for in other text', () => {
    for (const q of ['', 'insentif', 'PRK-123', '12']) expect(searchTerm(q)).toBeNull();
  });
});
