/** The languages the app speaks; bokmål first. More (ar, so, ti, uk) fit in later: layouts use logical CSS. */
export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nb';

/** The locale each language formats dates and numbers in. */
export const LOCALE_OF: Readonly<Record<Language, string>> = {
  nb: 'nb-NO',
  nn: 'nn-NO',
  en: 'en-GB',
};

/** Each language's own name, so a person finds theirs whatever language is showing. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  en: 'English',
};

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
