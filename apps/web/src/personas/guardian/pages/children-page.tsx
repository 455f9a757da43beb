import { Alert, Card, Heading } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useMyChildren } from '../api';

/** The family's start page: one card per child. */
export function ChildrenPage() {
  const { t } = useTranslation('guardian');
  const children = useMyChildren();
  return (
    <Page title={t('start.title')}>
      {children.isPending && <Loading />}
      {children.isError && (
        <ErrorAlert error={children.error} onRetry={() => void children.refetch()} />
      )}
      {children.data?.children.length === 0 && <Alert data-color="info">{t('start.none')}</Alert>}
      {children.data?.children.map((child) => (
        <Card key={child.subjectId}>
          <Heading level={2} data-size="sm">
            {child.name}
          </Heading>
        </Card>
      ))}
    </Page>
  );
}
