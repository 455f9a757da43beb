import { Button, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { AccessLogItem } from '../../../shared/api/reads';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useAccessLog } from '../api';
import { DownloadEverything } from '../components/downloads';
import { guardianPaths } from '../paths';

const READER_ROLES = ['staff', 'coordinator', 'admin', 'archivist', 'analyst', 'operator'] as const;
const isReaderRole = (role: string): role is (typeof READER_ROLES)[number] =>
  (READER_ROLES as readonly string[]).includes(role);

/** "Who has looked at my child's log": every read by someone outside the family, newest first. */
export function AccessLogPage() {
  const { t } = useTranslation('guardian');
  const format = useFormat();
  const { familyId = '' } = useParams();
  const reads = useAccessLog(familyId);
  const items = reads.data?.pages.flatMap((page) => page.items) ?? [];

  const who = (item: AccessLogItem): string => {
    const role = isReaderRole(item.reader.role)
      ? t(`readerRoles.${item.reader.role}`)
      : item.reader.role;
    const name = item.reader.name ?? role;
    return item.reader.serviceName
      ? t('access.whoAt', { name, service: item.reader.serviceName })
      : name;
  };

  return (
    <Page
      title={t('access.title')}
      before={
        <Link asChild>
          <RouterLink to={guardianPaths.start}>{t('log.back')}</RouterLink>
        </Link>
      }
    >
      <Paragraph>{t('access.intro')}</Paragraph>
      {reads.isPending && <Loading />}
      {reads.isError && <ErrorAlert error={reads.error} onRetry={() => void reads.refetch()} />}
      {reads.data && items.length === 0 && <Paragraph>{t('access.none')}</Paragraph>}
      {items.length > 0 && (
        // A wide table scrolls sideways on a phone; the region takes focus so a keyboard can scroll it.
        <div className="table-scroll" role="region" aria-label={t('access.caption')} tabIndex={0}>
          <Table data-size="sm" zebra>
            <caption className="ds-sr-only">{t('access.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('access.when')}</Table.HeaderCell>
                <Table.HeaderCell>{t('access.who')}</Table.HeaderCell>
                <Table.HeaderCell>{t('access.what')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((item, index) => (
                <Table.Row key={`${item.at}-${item.targetId}-${index}`}>
                  <Table.Cell>{format.dateTime(item.at)}</Table.Cell>
                  <Table.Cell>{who(item)}</Table.Cell>
                  <Table.Cell>{t(`access.targets.${item.target}`)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {reads.hasNextPage && (
        <div>
          <Button
            variant="secondary"
            loading={reads.isFetchingNextPage}
            onClick={() => void reads.fetchNextPage()}
          >
            {t('access.more')}
          </Button>
        </div>
      )}
      <section className="stack" aria-labelledby="download-heading">
        <Heading level={2} data-size="sm" id="download-heading">
          {t('download.heading')}
        </Heading>
        <Paragraph>{t('download.intro')}</Paragraph>
        <DownloadEverything familyId={familyId} />
      </section>
    </Page>
  );
}
