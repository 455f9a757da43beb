import { addDays, ageOn, dateOf, isIsoDate } from './dates';

describe('dates', () => {
  it.each([
    ['2010-05-20', '2026-05-19', 15],
    ['2010-05-20', '2026-05-20', 16],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('age of someone born %s on %s is %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1'])('refuses %s as a date', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it.each([
    ['2026-03-16T22:59:59.000Z', '2026-03-16'],
    ['2026-03-16T23:00:00.000Z', '2026-03-17'],
    ['2026-07-01T21:59:59.000Z', '2026-07-01'],
    ['2026-07-01T22:00:00.000Z', '2026-07-02'],
  ])('the Norwegian date at %s is %s (CET and CEST)', (instant, date) => {
    expect(dateOf(instant)).toBe(date);
  });

  it('gives the date Intl gives in Oslo for every quarter hour of two years, both DST changes included', () => {
    const oslo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' });
    const from = Date.parse('2025-01-01T00:00:00.000Z');
    const wrong: string[] = [];
    for (let at = from; at < from + 2 * 366 * 86_400_000; at += 900_000) {
      const instant = new Date(at + 59_999).toISOString();
      if (dateOf(instant) !== oslo.format(new Date(instant))) wrong.push(instant);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an instant that is not one', () => {
    expect(() => dateOf('not a time')).toThrow(RangeError);
  });
});
