import { ErrorSummary } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type ComponentRef } from 'react';
import { useTranslation } from 'react-i18next';

/** What is missing in a form: field id → message. Empty when the form may be sent. */
export type Problems = Readonly<Record<string, string>>;

/**
 * The form's own checks before anything is sent: each problem next to its field and in a summary
 * that takes focus, with a link to the field (UX.md: errors next to the field and in a summary).
 */
export function useProblems() {
  const [problems, setProblems] = useState<Problems>({});
  return {
    problems,
    /** Shows the problems; true when there are none and the form may be sent. */
    check: (found: Problems): boolean => {
      setProblems(found);
      return Object.keys(found).length === 0;
    },
    of: (field: string): string | null => problems[field] ?? null,
  };
}

export function ProblemSummary({ problems }: { readonly problems: Problems }) {
  const { t } = useTranslation('coordinator');
  const ref = useRef<ComponentRef<typeof ErrorSummary>>(null);
  const entries = Object.entries(problems);
  const shown = entries.length > 0;
  // Each check that finds problems moves focus to the summary (Designsystemet's element focuses
  // itself when it first appears; a second failed submit must move focus there again).
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, problems]);
  if (!shown) return null;
  return (
    <ErrorSummary ref={ref}>
      <ErrorSummary.Heading>{t('form.problemsHeading')}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, message]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${field}`}>{message}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
