import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** A screen that failed to render: say so in plain words, and offer the way out. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <main id="innhold" className="app__main">
      <Alert data-color="danger" role="alert">
        <Heading level={1} data-size="sm">
          {t('routeError.title')}
        </Heading>
        <Paragraph>{t('routeError.text')}</Paragraph>
        <div className="actions">
          <Button variant="secondary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
          <Link href="/">{t('layout.home')}</Link>
        </div>
      </Alert>
    </main>
  );
}
