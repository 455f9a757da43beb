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
const NORWEGIAN_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  hour: '2-digit',
  hourCycle: 'h23',
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

/**
 * The date in Norway of a calendar date (itself) or an instant. Norway is one or two hours ahead of
 * UTC, so a UTC instant before 22:00 falls on its own UTC date there: read off the text, no parsing
 * (metrics ask this of every fact on every query).
 */
export function dayOf(dateOrInstant: string): string {
  if (dateOrInstant.length === 10) return dateOrInstant;
  const hour = (dateOrInstant.charCodeAt(11) - 48) * 10 + (dateOrInstant.charCodeAt(12) - 48);
  if (dateOrInstant.endsWith('Z') && hour < 22) return dateOrInstant.slice(0, 10);
  return dateOf(dateOrInstant);
}

/** The month (YYYY-MM) in Norway of a calendar date or an instant. */
export const monthOf = (dateOrInstant: string): string => dayOf(dateOrInstant).slice(0, 7);

/**
 * The instant (UTC, ISO) a date begins in Norway. Norway's clocks change at 01:00 UTC, never at
 * midnight, so midnight there is 22:00 or 23:00 UTC the day before.
 */
export const startOfDay = (date: string): string => atHourInNorway(date, 0);

/**
 * The instant (UTC, ISO) Norway's clocks show `hour`:00 on `date` — its offset that day at that hour,
 * so 09:00 on the day the clocks go forward is 07:00 UTC, not 08:00. An hour the clocks skip (02:00 on
 * the last Sunday of March) gives the instant they jump to; one they show twice (02:00 on the last
 * Sunday of October) the first, in summer time.
 */
export function atHourInNorway(date: string, hour: number): string {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new RangeError(`An hour of the clock is 0–23, not ${hour}`);
  const asIfUtc = Date.parse(`${date}T00:00:00.000Z`) + hour * HOUR_MS;
  const summer = new Date(asIfUtc - 2 * HOUR_MS);
  const inSummerTime =
    dateOf(summer.toISOString()) === date && Number(NORWEGIAN_HOUR.format(summer)) === hour;
  return inSummerTime ? summer.toISOString() : new Date(asIfUtc - HOUR_MS).toISOString();
}

export function addDays(date: string, days: number): string {
  const parsed = new Date(`${date}T00:00:00.000Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

/**
 * How far from today a date of the coordination itself may lie: a measure or a consent is recorded
 * about the present — a year back at most (a paper form signed before it was registered, a measure
 * already under way) and two years ahead. A start in 1900 or an evaluation in 2200 was taken as
 * written, and showed the family an evaluation overdue since 1900 (found from outside).
 */
export const CASE_DAYS_BACK = 366;
export const CASE_DAYS_AHEAD = 731;

/** `date` lies within a year before and two years after `today` (both YYYY-MM-DD). */
export function isNearToday(date: string, today: string): boolean {
  return date >= addDays(today, -CASE_DAYS_BACK) && date <= addDays(today, CASE_DAYS_AHEAD);
}

/** Whole years from `birthDate` to `onDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
