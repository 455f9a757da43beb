import { isBlank } from './text';

describe('a text that says nothing', () => {
  it.each(['', ' ', '\t\n', '\u200b', ' \u200c\u200d\u2060\ufeff '])('is %j', (text) => {
    expect(isBlank(text)).toBe(true);
  });

  it('is none at all', () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank(undefined)).toBe(true);
  });

  it.each(['a', ' Ola ', '\u200bnei', '😀', '.'])('is not %j', (text) => {
    expect(isBlank(text)).toBe(false);
  });
});
