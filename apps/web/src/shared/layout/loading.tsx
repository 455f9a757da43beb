import { Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** While something loads: a spinner with its words for screen readers. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spinner aria-hidden data-size="md" />
      <span>{t('loading')}</span>
    </div>
  );
}
