import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';

/** Each language in its own name, so a person finds theirs whatever is showing now. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <Field className="language-switcher" data-size="sm">
      <Label htmlFor={id}>{t('layout.language')}</Label>
      <Select
        id={id}
        value={i18n.language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void i18n.changeLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <Select.Option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
