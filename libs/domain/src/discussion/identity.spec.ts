import {
  testIdentityNumber as validNumber,
  withWrongCheckDigit as broken,
} from '../testing/identity-numbers';
import { findIdentity, identityNumberKind, nameKey, wordKeys } from './identity';

const FNR = validNumber('010203'); // 1 February 2003
const D_NUMBER = validNumber('410203'); // day + 40
const H_NUMBER = validNumber('014203'); // month + 40

describe('the identity-number detector', () => {
  it.each([
    ['a fødselsnummer', FNR, 'national_identity_number'],
    ['a D-number', D_NUMBER, 'd_number'],
    ['an H-number', H_NUMBER, 'h_number'],
  ])('knows %s', (_, value, kind) => {
    expect(identityNumberKind(value)).toBe(kind);
  });

  it.each([
    ['a wrong second check digit', broken(FNR)],
    ['a wrong first check digit', FNR.slice(0, 9) + String((Number(FNR[9]) + 1) % 10) + FNR[10]],
    ['valid check digits on an impossible date (31 February)', validNumber('310203')],
    ['a D-number with day 72', '72020312345'],
    ['ten digits', FNR.slice(0, 10)],
    ['letters', 'abcdefghijk'],
  ])('rejects %s', (_, value) => {
    expect(identityNumberKind(value)).toBeNull();
  });

  it('finds a number written in the text, joined or split 6 + 5, and says only which rule', () => {
    expect(findIdentity(`Gjelder barn med fnr ${FNR}.`, [])).toBe('national_identity_number');
    expect(findIdentity(`nr ${FNR.slice(0, 6)} ${FNR.slice(6)}`, [])).toBe(
      'national_identity_number',
    );
    expect(findIdentity(`D-nr: ${D_NUMBER}`, [])).toBe('d_number');
  });

  it('finds a number however it is spaced, dashed or hidden (found from outside)', () => {
    const [date, rest] = [FNR.slice(0, 6), FNR.slice(6)];
    for (const text of [
      `${date}\u00a0${rest}`,
      `${date}  ${rest}`,
      `${date}\u2013${rest}`,
      `${date}/${rest}`,
      `${date}_${rest}`,
      `${date.slice(0, 2)} ${date.slice(2, 4)} ${date.slice(4)} ${rest}`,
      `${date}\u200b${rest}`,
      `${date}+${rest}`,
      `${date}, ${rest}`,
      `${date}:${rest}`,
      `(${date}) ${rest}`,
      String.fromCharCode(0xff10 + Number(FNR[0])) + FNR.slice(1),
    ])
      expect([text, findIdentity(`fnr ${text}.`, [])]).toEqual([text, 'national_identity_number']);
  });

  it('leaves other numbers alone: phone numbers, dates, case numbers, longer digit runs', () => {
    for (const text of [
      'Ring 61 19 12 34 eller 98765432',
      'Møte 01.02.2026 kl 09:00',
      'Saksnr 2026/012345',
      `Konto ${FNR}1`,
      `Invalid ${broken(FNR)}`,
    ])
      expect(findIdentity(text, [])).toBeNull();
  });
});

describe('the family-member-name detector', () => {
  const names = ['Ola Nordmann', 'Kari Berg', 'Per Lie Dal'];

  it.each([
    ['the whole name', 'Vi har snakket med Ola Nordmann om skolen'],
    ['the whole name in other case', 'gjelder OLA NORDMANN'],
    ['given name and surname apart', 'Nordmann-familien, og Ola sliter'],
    ['the given name as a name', 'Ola virker lei seg'],
    ['a middle-named person by first and last name', 'Per og familien Dal'],
  ])('refuses %s', (_, text) => {
    expect(findIdentity(text, names)).toBe('family_member_name');
  });

  it.each([
    ['in capitals', 'SIGRUN er lei seg'],
    ['in the genitive', 'Sigruns mor er bekymret'],
    ['with a zero-width space inside', 'Sig\u200brun er lei seg'],
    ['with a soft hyphen inside', 'Sig\u00adrun er lei seg'],
    ['with a word joiner inside', 'Sig\u2060run er lei seg'],
    ['with an accent after it', 'Sigrun\u0301 er lei seg'],
    ['in a compound', 'Sigrun-jenta er lei seg'],
    ['in full-width letters', '\uff33igrun er lei seg'],
    ['with a Cyrillic look-alike letter', '\u0405igrun er lei seg'],
  ])('finds a given name written %s (found from outside)', (_, text) => {
    const register = ['Sigrun Fjellheim'];
    expect(findIdentity(text, register)).toBe('family_member_name');
    // And the register is asked for it: the text's keys hold the name's.
    expect(wordKeys(text)).toContain(nameKey(register[0]));
  });

  it('finds a name written in either Unicode form (composed or decomposed, as a Mac types it)', () => {
    const composed = 'Åsmund Ødegård'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    for (const [name, text] of [
      [composed, `Vi lurer på ${decomposed} og skolen`],
      [decomposed, `Vi lurer på ${composed} og skolen`],
      [composed, `Hvordan har ${decomposed.split(' ')[0]} det?`],
    ])
      expect(findIdentity(text, [name])).toBe('family_member_name');
    expect(nameKey(decomposed)).toBe(nameKey(composed));
    expect(wordKeys(`Hei ${decomposed}`)).toContain(nameKey(composed));
  });

  it.each([
    ['a surname that is a common word', 'Barnet klatrer i berg og på lie'],
    ['a given name written as a common word', 'Vi kan ikke si per i dag'],
    ['a name inside another word', 'Olavsfest og Karianne'],
    ['no names at all', 'Gutt 9 år, bekymring for fravær'],
  ])('lets pass %s', (_, text) => {
    expect(findIdentity(text, names)).toBeNull();
  });

  it('finds the same with only the names whose key the text holds as with every name', () => {
    const register = [
      ...names,
      'Åse Ødegård',
      'Jon-Erik Hansen',
      "O'Neil Berg",
      'A Li',
      'Lise-Lotte Strand',
    ];
    const texts = [
      'Vi har snakket med Ola Nordmann om skolen',
      'gjelder OLA NORDMANN',
      'Nordmann-familien, og Ola sliter',
      'Per og familien Dal',
      'ÅSE ødegård var der',
      'Jon-Erik trenger hjelp',
      "O'neil og berg",
      'Li og Lise-lotte',
      'Barnet klatrer i berg og på lie',
      'Olavsfest og Karianne',
      '',
    ];
    for (const text of texts) {
      const keys = new Set(wordKeys(text));
      const candidates = register.filter((name) => keys.has(nameKey(name) ?? ''));
      expect([text, findIdentity(text, candidates)]).toEqual([text, findIdentity(text, register)]);
    }
    expect(nameKey('Åse Ødegård')).toBe('åse');
    expect(nameKey('A Li')).toBe('li');
    expect(nameKey('—')).toBeNull();
    expect(wordKeys('Ola og OLA, Kari')).toEqual(['ola', 'og', 'kari']);
  });
});
