import { TIME_ZONE } from '../../shared/format/format';

const OFFSET = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  timeZoneName: 'longOffset',
});

/** Oslo's offset from UTC at that date and time: "+01:00" in winter, "+02:00" in summer. */
export function osloOffset(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(guess.getTime())) return '+01:00';
  const name = OFFSET.formatToParts(guess).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return /GMT([+-]\d{2}:\d{2})/.exec(name)?.[1] ?? '+00:00';
}

/** A date and a time of day in Oslo as the instant the API takes: `2026-12-03T09:00:00+01:00`. */
export const osloInstant = (date: string, time: string) =>
  `${date}T${time}:00${osloOffset(date, time)}`;

/** The calendar date `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The time of day of an instant in Oslo, `HH:MM`. */
export function osloTimeOfDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(instant);
}
