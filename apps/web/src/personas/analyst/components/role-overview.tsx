import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../shared/layout/page';
import { SignedInAs } from '../../../shared/layout/signed-in-as';
import type { Role } from '../../../shared/paths';

/**
 * For the roles of this section that read no programme figures — the operator, who runs the
 * installation, and the archive, which takes closed logs whole: what their role is for here, and
 * why the figures are not shown to them.
 */
export function RoleOverview({ role }: { role: Role }) {
  const { t } = useTranslation('analyst');
  const kind = role === 'operator' ? 'operator' : role === 'archivist' ? 'archivist' : 'other';
  return (
    <Page title={t('roleHome.title')}>
      <SignedInAs />
      <Alert data-color="info">
        <Heading level={2} data-size="xs">
          {t('roleHome.noFiguresTitle')}
        </Heading>
        <Paragraph>{t(`roleHome.${kind}`)}</Paragraph>
      </Alert>
      <Paragraph>{t('roleHome.who')}</Paragraph>
    </Page>
  );
}
