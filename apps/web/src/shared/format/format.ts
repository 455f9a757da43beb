import { LOCALE_OF, type Language } from '../i18n/languages';

/** Every time is shown in Norwegian time, wherever the phone is. */
export const TIME_ZONE = 'Europe/Oslo';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formatting per language with Intl: "17. mars 2026" in Norwegian, "17 March 2026" in English.
 * A calendar date (`2026-03-17`) is a day, not an instant: it is never shifted by a time zone.
 */
export function formatterFor(language: Language) {
  const locale = LOCALE_OF[language];
  const day = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dayOfInstant = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TIME_ZONE,
  });
  const weekdayAndDay = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: TIME_ZONE,
  });
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  });
  const number = new Intl.NumberFormat(locale);
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  return {
    /** A calendar date or an instant, as the day it is (in Oslo). */
    date(value: string): string {
      const match = CALENDAR_DATE.exec(value);
      if (match) return day.format(new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])));
      return dayOfInstant.format(new Date(value));
    },
    /** "mandag 7. desember kl. 09:00" — an instant with its weekday and time. */
    dateTime(value: string): string {
      const at = new Date(value);
      return `${weekdayAndDay.format(at)}, ${time.format(at)}`;
    },
    time(value: string): string {
      return time.format(new Date(value));
    },
    number(value: number): string {
      return number.format(value);
    },
    list(values: readonly string[]): string {
      return list.format(values);
    },
    /** "i dag", "om 3 dager", "for 2 dager siden" for a calendar date against today in Oslo. */
    daysFromToday(value: string, now = new Date()): string {
      const today = todayInOslo(now);
      const days = Math.round(
        (Date.parse(`${value}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
      );
      return relative.format(days, 'day');
    },
    /** Whole years from a birth date to today. */
    ageInYears(birthDate: string, now = new Date()): number {
      const [y, m, d] = todayInOslo(now).split('-').map(Number);
      const [by, bm, bd] = birthDate.split('-').map(Number);
      return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
    },
  };
}

export type Formatter = ReturnType<typeof formatterFor>;

/** Today's calendar date in Oslo, as `YYYY-MM-DD`. */
export function todayInOslo(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: TIME_ZONE,
  }).format(now);
}
