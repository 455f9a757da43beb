import { Heading } from '@digdir/designsystemet-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageProps {
  readonly title: string;
  readonly children: ReactNode;
  /** Shown above the heading, e.g. a link back. */
  readonly before?: ReactNode;
}

/**
 * One screen: its title in the tab and as the one h1, which takes focus when the screen opens so a
 * screen reader announces where the person landed after a navigation.
 */
export function Page({ title, children, before }: PageProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('app.title')}`;
  }, [title, t]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page">
      {before}
      <Heading level={1} data-size="lg" ref={heading} tabIndex={-1} className="page__title">
        {title}
      </Heading>
      {children}
    </div>
  );
}
