import {
  addDays,
  ageOn,
  atHourInNorway,
  dateOf,
  dayOf,
  isIsoDate,
  monthOf,
  startOfDay,
} from './dates';

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
  it.each([
    ['2026-11-30', '2026-11-30', '2026-11'],
    ['2026-11-30T22:59:59.999Z', '2026-11-30', '2026-11'],
    ['2026-11-30T23:00:00.000Z', '2026-12-01', '2026-12'],
    ['2026-06-30T21:59:59.999Z', '2026-06-30', '2026-06'],
    ['2026-06-30T22:00:00.000Z', '2026-07-01', '2026-07'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01', '2027-01'],
    ['2026-12-01T00:15:00+01:00', '2026-12-01', '2026-12'],
  ])('%s is on %s in Norway, in the month %s', (value, day, month) => {
    expect(dayOf(value)).toBe(day);
    expect(monthOf(value)).toBe(month);
  });

  it('reads the same Norwegian day off an instant as dateOf for every quarter hour of two years', () => {
    const from = Date.parse('2025-01-01T00:00:00.000Z');
    const wrong: string[] = [];
    for (let at = from; at < from + 2 * 366 * 86_400_000; at += 900_000) {
      const instant = new Date(at).toISOString();
      if (dayOf(instant) !== dateOf(instant)) wrong.push(instant);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['2026-12-01', '2026-11-30T23:00:00.000Z'],
    ['2026-07-01', '2026-06-30T22:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('%s begins in Norway at %s', (date, instant) => {
    expect(startOfDay(date)).toBe(instant);
    expect(dateOf(instant)).toBe(date);
    expect(dateOf(new Date(Date.parse(instant) - 1).toISOString())).toBe(addDays(date, -1));
  });

  it.each([
    ['2026-03-28', 9, '2026-03-28T08:00:00.000Z'],
    ['2026-03-29', 9, '2026-03-29T07:00:00.000Z'],
    ['2026-03-29', 1, '2026-03-29T00:00:00.000Z'],
    ['2026-03-29', 2, '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', 3, '2026-03-29T01:00:00.000Z'],
    ['2026-07-01', 9, '2026-07-01T07:00:00.000Z'],
    ['2026-10-25', 1, '2026-10-24T23:00:00.000Z'],
    ['2026-10-25', 9, '2026-10-25T08:00:00.000Z'],
    ['2026-12-01', 23, '2026-12-01T22:00:00.000Z'],
  ])('%s at %i:00 in Norway is %s', (date, hour, instant) => {
    expect(atHourInNorway(date, hour)).toBe(instant);
  });

  it.each([24, -1, 9.5, Number.NaN])('refuses %p as an hour of the clock', (hour) => {
    expect(() => atHourInNorway('2026-07-01', hour)).toThrow(RangeError);
  });
});
