import { useTranslation } from 'react-i18next';

/**
 * A text of a family's personal data as the screen shows it: as written or — once the family's
 * personal data has been erased and the service answers null — a word that says so, never a blank.
 */
export function useErasable(): (text: string | null) => string {
  const { t } = useTranslation('common');
  return (text) => text ?? t('erased');
}
