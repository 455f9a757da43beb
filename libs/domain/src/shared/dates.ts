/**
 * Calendar dates are ISO strings (YYYY-MM-DD) on Norway's calendar; instants are ISO timestamps.
 * Pure helpers, no clock: a consent valid until 16 March ends at midnight in Norway, not in London.
 */
const NORWEGIAN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const HOUR_MS = 3_600_000;
const datesByHour = new Map<number, string>();

/**
 * The date in Norway at this instant. Norway's offsets from UTC are whole hours and change on the
 * hour, so every instant of one UTC hour has the same Norwegian date: it is formatted once per hour
 * (Intl formatting costs microseconds, and consent checks ask for it on every command).
 */
export function dateOf(instant: string): string {
  const hour = Math.floor(new Date(instant).getTime() / HOUR_MS);
  let date = datesByHour.get(hour);
  if (date === undefined) {
    date = NORWEGIAN_DATE.format(new Date(hour * HOUR_MS));
    if (datesByHour.size >= 10_000) datesByHour.clear();
    datesByHour.set(hour, date);
  }
  return date;
}

export function addDays(date: string, days: number): string {
  const parsed = new Date(`${date}T00:00:00.000Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

/** Whole years from `birthDate` to `onDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
