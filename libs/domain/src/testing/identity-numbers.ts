/**
 * Identity numbers made for tests with the published check-digit algorithm (weights 3 7 6 1 8 9 4 5 2
 * and 5 4 3 2 7 6 5 4 3 2, mod 11). `date` is DDMMYY, with 40 added to the day for a D-number or to
 * the month for an H-number; the individual number is the first from 100 that gives valid digits.
 */
export function testIdentityNumber(date: string): string {
  for (let individual = 100; individual < 1000; individual++) {
    const d = [...`${date}${individual}`].map(Number);
    const k1 = (11 - ([3, 7, 6, 1, 8, 9, 4, 5, 2].reduce((s, w, i) => s + w * d[i], 0) % 11)) % 11;
    if (k1 === 10) continue;
    const d2 = [...d, k1];
    const k2 =
      (11 - ([5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * d2[i], 0) % 11)) % 11;
    if (k2 === 10) continue;
    return `${date}${individual}${k1}${k2}`;
  }
  throw new Error(`no valid number for ${date}`);
}

/** The same number with its last check digit wrong. */
export const withWrongCheckDigit = (value: string) =>
  value.slice(0, 10) + String((Number(value[10]) + 1) % 10);
