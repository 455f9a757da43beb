import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { PersonaId } from '../paths';
import commonEn from '../messages/en.json';
import commonNb from '../messages/nb.json';
import commonNn from '../messages/nn.json';
import errorsEn from '../messages/errors.en.json';
import errorsNb from '../messages/errors.nb.json';
import errorsNn from '../messages/errors.nn.json';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './languages';

const STORAGE_KEY = 'bti.language';

export type PersonaMessages = Readonly<Record<Language, object>>;

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be off (private mode); the default serves.
  }
  return DEFAULT_LANGUAGE;
}

/**
 * One i18next instance: `common` and `errors` from shared/messages, and one namespace per persona
 * from its own messages folder. Every string on screen goes through it; bokmål is the fallback.
 */
export async function initI18n(personas: Readonly<Record<PersonaId, PersonaMessages>>) {
  const shared = {
    nb: { common: commonNb, errors: errorsNb },
    nn: { common: commonNn, errors: errorsNn },
    en: { common: commonEn, errors: errorsEn },
  };
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    resources[language] = {
      ...shared[language],
      ...Object.fromEntries(
        Object.entries(personas).map(([persona, messages]) => [persona, messages[language]]),
      ),
    };
  }
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    defaultNS: 'common',
    ns: ['common', 'errors', ...Object.keys(personas)],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered then; nothing else is lost.
    }
  });
  return i18next;
}
