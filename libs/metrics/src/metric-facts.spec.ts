import { ageBandAt, monthEnd, monthEndInstant } from './metric-facts';

describe('metric facts: ages and months', () => {
  it.each([
    [null, '2026-03-01', 'pregnancy'],
    ['2026-05-01', '2026-04-30T21:59:59.000Z', 'pregnancy'],
    // 22:00 UTC on 30 April is midnight in Oslo (CEST): the day of birth there.
    ['2026-05-01', '2026-04-30T22:00:00.000Z', '0-5'],
    ['2026-05-01', '2026-05-01', '0-5'],
    ['2020-06-15', '2026-06-14', '0-5'],
    ['2020-06-15', '2026-06-15', '6-12'],
    ['2013-12-31', '2026-12-30', '6-12'],
    ['2013-12-31', '2026-12-31T08:00:00.000Z', '13-18'],
    ['2008-02-29', '2026-02-28', '13-18'],
    ['2008-02-29', '2027-03-01', '19-24'],
  ])('someone born %s is, on %s, in the band %s', (birthDate, day, band) => {
    expect(ageBandAt(birthDate, day)).toBe(band);
  });

  it.each([
    ['2024-02', '2024-02-29'],
    ['2026-02', '2026-02-28'],
    ['2026-04', '2026-04-30'],
    ['2026-12', '2026-12-31'],
  ])('the month %s ends on %s, asked once or twice', (month, end) => {
    expect(monthEnd(month)).toBe(end);
    expect(monthEnd(month)).toBe(end);
  });

  it.each([
    ['2026-06', '2026-06-30T22:00:00.000Z'],
    ['2026-10', '2026-10-31T23:00:00.000Z'],
    ['2026-12', '2026-12-31T23:00:00.000Z'],
  ])('the month %s ends in Norway at %s (UTC), asked once or twice', (month, instant) => {
    expect(monthEndInstant(month)).toBe(instant);
    expect(monthEndInstant(month)).toBe(instant);
  });
});
