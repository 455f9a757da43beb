import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatterFor } from '../../shared/format/format';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  LOCALE_OF,
  type Language,
} from '../../shared/i18n/languages';
import type { Breakdown, MetricCell, MetricDefinition, MetricKind, PeriodLevel } from './reads';

/**
 * The definitions version the metric titles and definitions in messages/ were translated from. When
 * the API's catalogue carries another version, its own (English) words are shown instead, marked as
 * English — a translation of an older definition is never passed off as the current one.
 */
export const TRANSLATED_DEFINITIONS_VERSION = '2026-11-2';

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** A metric's words for the person: translated when the version matches, else the API's own. */
export interface MetricWords {
  readonly title: string;
  readonly unit: string;
  readonly formula: string;
  /** `en` when the words are the API's own, untranslated (for `lang` on the element). */
  readonly lang: string | undefined;
}

type Translated = Record<string, { title: string; unit: string; formula: string } | undefined>;

/** How the analyst pages say periods, values, categories and metrics, per language (Intl). */
export function useAnalystFormat() {
  const { t, i18n } = useTranslation('analyst');
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return useMemo(() => analystFormatter(t, language), [t, language]);
}

/**
 * The same, without React: `t` of the analyst namespace and the language on screen. A suppressed
 * cell reads "<threshold>" whatever its value field holds — the one rule the persona never bends.
 */
export function analystFormatter(t: TFunction<'analyst'>, language: Language) {
  const format = formatterFor(language);
  const locale = LOCALE_OF[language];
  const monthShort = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const monthLong = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const translated = t('metricTexts', { returnObjects: true }) as unknown as Translated;
  const sectors = t('sectors', { returnObjects: true }) as unknown as Record<string, string>;
  const ageBands = t('ageBands', { returnObjects: true }) as unknown as Record<string, string>;

  /** "mars 2025", "1. kvartal 2025", "2025" — the long form for tables and descriptions. */
  function period(value: string, length: 'short' | 'long' = 'long'): string {
    const month = MONTH.exec(value);
    if (month) {
      const at = new Date(Date.UTC(+month[1], +month[2] - 1, 1));
      return (length === 'short' ? monthShort : monthLong).format(at);
    }
    const quarter = QUARTER.exec(value);
    if (quarter)
      return t(length === 'short' ? 'format.quarterShort' : 'format.quarterLong', {
        quarter: quarter[2],
        year: quarter[1],
      });
    return value;
  }

  /** A published value, formatted per its kind: 12, 4,5 (days), 45,5 % — never a suppressed one. */
  function value(number: number, kind: MetricKind): string {
    const text = format.number(number);
    return kind === 'share' ? t('format.share', { value: text }) : text;
  }

  /**
   * What a cell shows: its value, "<5" when suppressed (whatever the value field holds), or "–"
   * when there was nothing to average.
   */
  function cell(
    c: Pick<MetricCell, 'value' | 'suppressed'>,
    kind: MetricKind,
    threshold: number,
  ): string {
    if (c.suppressed) return suppressed(threshold);
    if (c.value === null) return t('format.noValue');
    return value(c.value, kind);
  }

  function suppressed(threshold: number): string {
    return t('format.suppressed', { threshold: format.number(threshold) });
  }

  /** A change since the baseline, with its sign: +3, −1,5. */
  function change(number: number, kind: MetricKind): string {
    const text = value(Math.abs(number), kind);
    if (number > 0) return t('format.up', { value: text });
    if (number < 0) return t('format.down', { value: text });
    return t('format.unchanged');
  }

  function category(by: Breakdown, c: string): string {
    if (c === 'total') return t('format.total');
    switch (by) {
      case 'ageBand':
        return ageBands[c] ?? c;
      case 'level':
        return t('format.level', { level: c });
      case 'sector':
        return sectors[c] ?? c;
      default:
        return c;
    }
  }

  function sector(id: string): string {
    return sectors[id] ?? id;
  }

  function metric(definition: MetricDefinition, definitionsVersion: string): MetricWords {
    const words =
      definitionsVersion === TRANSLATED_DEFINITIONS_VERSION ? translated[definition.id] : undefined;
    if (words) return { ...words, lang: undefined };
    return {
      title: definition.title,
      unit: definition.unit,
      formula: definition.formula,
      lang: language === 'en' ? undefined : 'en',
    };
  }

  function periodLevel(level: PeriodLevel): string {
    return t(`format.per.${level}`);
  }

  return {
    period,
    value,
    cell,
    suppressed,
    change,
    category,
    sector,
    metric,
    periodLevel,
    number: (n: number) => format.number(n),
    list: (values: readonly string[]) => format.list(values),
    date: (value: string) => format.date(value),
    dateTime: (value: string) => format.dateTime(value),
  };
}

export type AnalystFormat = ReturnType<typeof analystFormatter>;
