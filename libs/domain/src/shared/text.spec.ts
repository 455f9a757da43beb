import { isBlank } from './text';

describe('a text that says nothing', () => {
  it.each([
    '',
    ' ',
    '\t\n',
    '\u200b',
    ' \u200c\u200d\u2060\ufeff ',
    '\u00a0\u3000',
    // Found from outside: each was taken as a name, a summary or a sign-in.
    '\u00ad',
    '\u3164',
    '\u115f\u1160\uffa0',
    '\u2800',
    '\u200e\u061c',
    '\u180e',
    '\u2064',
    '\u034f',
    '\u0301',
    '\u{1d173}',
    '\u{e0020}',
    '\u17b5',
    '\u00ad\u3164',
  ])('is %j', (text) => {
    expect(isBlank(text)).toBe(true);
  });

  it('is none at all', () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank(undefined)).toBe(true);
  });

  it.each(['a', ' Ola ', '\u200bnei', '😀', '.', 'é', '\u3164a', 'Å', '字'])(
    'is not %j',
    (text) => {
      expect(isBlank(text)).toBe(false);
    },
  );
});
