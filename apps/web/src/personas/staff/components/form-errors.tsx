import { ErrorSummary } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** What a form's own check found, field id → message: shown next to each field and in a summary. */
export type FieldErrors = Readonly<Record<string, string>>;

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

/** The summary above a form's button: each problem, linked to its field. */
export function FormErrors({ errors }: { readonly errors: FieldErrors }) {
  const { t } = useTranslation('staff');
  if (!hasErrors(errors)) return null;
  return (
    <ErrorSummary>
      <ErrorSummary.Heading>{t('form.fixHeading')}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {Object.entries(errors).map(([field, message]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${field}`}>{message}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
