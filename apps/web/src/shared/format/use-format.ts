import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/languages';
import { formatterFor, type Formatter } from './format';

/** The formatter for the language on screen; changes with the language switcher. */
export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return useMemo(() => formatterFor(language), [language]);
}
