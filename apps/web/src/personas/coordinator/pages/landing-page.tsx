import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { SignedInAs } from '../../../shared/layout/signed-in-as';
import { Page } from '../../../shared/layout/page';

/**
 * The coordinator persona's start page — the seam where its screens are built. Replace the placeholder
 * below with the real first screen (UX.md), reading GET /meetings, GET /meetings/:id and the meeting commands (POST /meetings/:id/start … /end, /ettermote);
 * add further pages beside this one and list them in ../routes.tsx, with their words in
 * ../messages/{nb,nn,en}.json.
 */
export function CoordinatorLandingPage() {
  const { t } = useTranslation('coordinator');
  return (
    <Page title={t('landing.title')}>
      <SignedInAs />
      <Alert data-color="info">
        <Heading level={2} data-size="xs">
          {t('landing.comingTitle')}
        </Heading>
        <Paragraph>{t('landing.coming')}</Paragraph>
      </Alert>
    </Page>
  );
}
