import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { Page } from '../../../shared/layout/page';
import { SignedInAs } from '../../../shared/layout/signed-in-as';
import { PERSONA_BASE_PATHS, type Role } from '../../../shared/paths';
import { ANALYST_PATHS } from '../access';

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
      {role === 'operator' && (
        <Paragraph>
          <Link asChild>
            <RouterLink to={`${PERSONA_BASE_PATHS.analyst}/${ANALYST_PATHS.events}`}>
              {t('roleHome.eventsLink')}
            </RouterLink>
          </Link>
        </Paragraph>
      )}
      <Paragraph>{t('roleHome.who')}</Paragraph>
    </Page>
  );
}
